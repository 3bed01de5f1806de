/** The demo accounts the seed creates, one per role (documented in the README). */
export const DEMO_USERS = [
  { email: "admin@duixian.test", name: "管理员 Admin", role: "admin", password: "duixian-admin" },
  {
    email: "reviewer@duixian.test",
    name: "审核员 Reviewer",
    role: "reviewer",
    password: "duixian-reviewer",
  },
  {
    email: "analyst@duixian.test",
    name: "分析员 Analyst",
    role: "analyst",
    password: "duixian-analyst",
  },
  { email: "viewer@duixian.test", name: "访客 Viewer", role: "viewer", password: "duixian-viewer" },
] as const;
