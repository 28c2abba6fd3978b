import { Bonjour, type Browser, type Service } from 'bonjour-service';

/**
 * Finding the practice's other PCs on the LAN by mDNS. The advert carries only
 * an opaque practice tag (derived from the practice secret, which it never
 * reveals) and the port; a PC of another practice sees a tag it does not know.
 * Networks that block multicast use the typed addresses instead, so every
 * failure here is quiet: discovery only ever adds addresses to try.
 */
export class Discovery {
  private bonjour: Bonjour | null = null;
  private browser: Browser | null = null;
  private published: Service | null = null;
  private readonly tag: string;
  private readonly deviceId: string;
  private readonly port: number;
  private readonly found: (address: string) => void;

  constructor(tag: string, deviceId: string, port: number, found: (address: string) => void) {
    this.tag = tag;
    this.deviceId = deviceId;
    this.port = port;
    this.found = found;
  }

  start(): void {
    try {
      this.bonjour = new Bonjour({}, () => undefined);
      this.published = this.bonjour.publish({ name: `contactcap-${this.tag.slice(0, 12)}-${this.deviceId.slice(0, 12)}`, type: 'contactcap', protocol: 'tcp', port: this.port, txt: { p: this.tag } });
      this.published.on('error', () => undefined);
      this.browser = this.bonjour.find({ type: 'contactcap', protocol: 'tcp' }, (service: Service) => this.seen(service));
    } catch {
      this.stop();
    }
  }

  private seen(service: Service): void {
    const txt = service.txt as Record<string, unknown> | undefined;
    if (!txt || txt.p !== this.tag) return;
    const ipv4 = (service.addresses ?? []).filter((address) => /^\d+\.\d+\.\d+\.\d+$/.test(address));
    const hosts = ipv4.length > 0 ? ipv4 : service.referer?.address ? [service.referer.address] : [];
    for (const host of hosts) this.found(`${host}:${service.port}`);
  }

  stop(): void {
    try {
      this.browser?.stop();
      this.published?.stop();
      this.bonjour?.destroy();
    } catch {
      // Stopping discovery never stands in the way of closing.
    }
    this.browser = null;
    this.published = null;
    this.bonjour = null;
  }
}
