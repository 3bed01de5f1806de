import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_ENTITY, isAuditAction, isKnownEvent, readAuditEvent } from "./events";

describe("the closed list of audit events", () => {
  it("names each action once, as entity.verb, with an entity type", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const a of AUDIT_ACTIONS) {
      expect(a).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(AUDIT_ENTITY[a]).toBeTruthy();
    }
    expect(isAuditAction("assessment.approve")).toBe(true);
    expect(isAuditAction("assessment.aprove")).toBe(false);
    expect(isAuditAction("toString")).toBe(false);
    expect(isAuditAction(42)).toBe(false);
  });

  it("reads a stored row as a typed event: payloads parsed once, old or damaged rows never throw", () => {
    const save = readAuditEvent({
      action: "assessment.save",
      before: '{"status":"not_assessed"}',
      after: '{"status":"fulfilled","bulk":true}',
    });
    expect(isKnownEvent(save)).toBe(true);
    if (save.action === "assessment.save" && isKnownEvent(save)) {
      expect(save.after?.status).toBe("fulfilled");
      expect(save.after?.bulk).toBe(true);
      expect(save.before?.status).toBe("not_assessed");
    }
    expect(readAuditEvent({ action: "user.password_change", before: null, after: null })).toEqual({
      action: "user.password_change",
      before: null,
      after: null,
    });
    // Unreadable JSON, or JSON that is not an object, is no payload.
    expect(readAuditEvent({ action: "pledge.title", before: "{oops", after: "[1,2]" })).toEqual({
      action: "pledge.title",
      before: null,
      after: null,
    });
    expect(readAuditEvent({ action: "pledge.title", before: "null", after: '"x"' })).toEqual({
      action: "pledge.title",
      before: null,
      after: null,
    });
  });

  it("keeps an action outside the list as unknown, with whatever its payloads hold", () => {
    const e = readAuditEvent({ action: "report.teleport", before: null, after: '{"to":"mars"}' });
    expect(isKnownEvent(e)).toBe(false);
    expect(e).toEqual({
      action: "report.teleport",
      unknown: true,
      before: null,
      after: { to: "mars" },
    });
  });
});
