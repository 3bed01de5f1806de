import { describe, expect, it } from "vitest";
import {
  addressKey,
  clientAddress,
  guardedForwardedFor,
  trustedProxyCount,
} from "./client-address";

describe("trustedProxyCount", () => {
  it("is 0 unless DUIXIAN_TRUSTED_PROXIES names a small whole number", () => {
    expect(trustedProxyCount({})).toBe(0);
    expect(trustedProxyCount({ DUIXIAN_TRUSTED_PROXIES: "" })).toBe(0);
    expect(trustedProxyCount({ DUIXIAN_TRUSTED_PROXIES: "1" })).toBe(1);
    expect(trustedProxyCount({ DUIXIAN_TRUSTED_PROXIES: " 2 " })).toBe(2);
    for (const bad of ["yes", "-1", "1.5", "99"])
      expect(trustedProxyCount({ DUIXIAN_TRUSTED_PROXIES: bad })).toBe(0);
  });
});

describe("guardedForwardedFor (what Next sees)", () => {
  it("with no trusted proxy, drops whatever the client sent and keeps only the socket address", () => {
    expect(guardedForwardedFor("203.0.113.9", "127.0.0.1", 0)).toBe("127.0.0.1");
    expect(guardedForwardedFor(["1.1.1.1", "2.2.2.2"], "10.0.0.5", 0)).toBe("10.0.0.5");
    expect(guardedForwardedFor(undefined, "::1", 0)).toBe("::1");
    expect(guardedForwardedFor(undefined, undefined, 0)).toBe("unknown");
  });

  it("with trusted proxies, appends the socket address to what they sent", () => {
    expect(guardedForwardedFor("203.0.113.9", "10.0.0.2", 1)).toBe("203.0.113.9, 10.0.0.2");
    expect(guardedForwardedFor(undefined, "10.0.0.2", 1)).toBe("10.0.0.2");
  });
});

describe("clientAddress", () => {
  it("with no trusted proxy, is the socket address even when the client sent its own header", () => {
    const seen = guardedForwardedFor("6.6.6.6, 7.7.7.7", "192.0.2.10", 0);
    expect(clientAddress(seen, 0)).toBe("192.0.2.10");
  });

  it("behind one trusted proxy, is the address that proxy saw; addresses the client made up stay to the left", () => {
    // client sent "6.6.6.6"; nginx appended the client's real address 198.51.100.7; the socket is nginx.
    const seen = guardedForwardedFor("6.6.6.6, 198.51.100.7", "10.0.0.2", 1);
    expect(clientAddress(seen, 1)).toBe("198.51.100.7");
  });

  it("behind two proxies, skips both", () => {
    expect(clientAddress("6.6.6.6, 198.51.100.7, 10.0.0.9, 10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("a request that bypassed the proxies falls back to the left-most entry", () => {
    expect(clientAddress("10.0.0.2", 1)).toBe("10.0.0.2");
  });

  it("is 'unknown' without a header", () => {
    expect(clientAddress(null, 0)).toBe("unknown");
    expect(clientAddress(" , ", 0)).toBe("unknown");
  });
});

describe("addressKey", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6", () => {
    expect(addressKey("192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("::FFFF:10.1.2.3")).toBe("10.1.2.3");
  });

  it("groups IPv6 by /64, so one host cannot rotate through its own prefix", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressKey("[2001:0db8:0001:0002::9]")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });
});
