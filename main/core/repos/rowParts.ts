/** The void a record carries when it is read back: both null while it stands. */
export interface VoidColumns {
  voidReason: string | null;
  voidedAt: number | null;
}

/** Where the event that wrote a row sits in the log; stored with every projected record. */
export interface LogPlace {
  hlc: string;
  origin: string;
  seq: number;
}
