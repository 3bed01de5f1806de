/**
 * The message catalogue: every UI string in Chinese (the default) and English. Later features add
 * keys here; `en` must have exactly the keys of `zh` (the type checks it).
 */
const zh = {
  "app.name": "兑现",
  "app.tagline": "政府工作报告承诺追踪",
  "nav.reports": "报告",
  "nav.review": "审核队列",
  "nav.audit": "审计报告",
  "nav.admin": "管理",
  "nav.account": "账户",
  "nav.signOut": "退出登录",
  "nav.language": "语言",
  "role.admin": "管理员",
  "role.reviewer": "审核员",
  "role.analyst": "分析员",
  "role.viewer": "访客",

  "login.title": "登录",
  "login.subtitle": "使用邮箱和密码登录兑现",
  "login.email": "邮箱",
  "login.password": "密码",
  "login.submit": "登录",
  "login.submitting": "正在登录…",
  "login.error.invalid": "邮箱或密码不正确。",
  "login.error.locked": "登录失败次数过多，此账户已暂时锁定。请 15 分钟后再试。",
  "login.error.disabled": "此账户已被停用，请联系管理员。",
  "login.error.generic": "登录失败，请稍后重试。",
  "login.passwordChanged": "密码已修改，请用新密码重新登录。",
  "login.demoHint": "演示账户见 README。",

  "reports.title": "报告",
  "reports.count": "共 {count} 份报告",
  "reports.empty.title": "还没有报告",
  "reports.empty.body": "导入一份政府工作报告（粘贴文本或上传 .txt / .html 文件，支持简体、繁体，UTF-8、GB18030、Big5 编码）即可开始。命令行也可导入：npm run cli -- import 文件…",
  "reports.col.region": "地区",
  "reports.col.year": "年份",
  "reports.col.title": "标题",
  "reports.col.delivered": "报告日期",
  "reports.col.speaker": "报告人",
  "reports.col.script": "字体",
  "reports.col.pledges": "承诺",
  "reports.col.reviewedBy": "次年报告",
  "reports.unknownYear": "年份不详",
  "reports.notParsed": "未解析",
  "script.simplified": "简体",
  "script.traditional": "繁体",

  "review.title": "审核队列",
  "review.subtitle": "已提交待审核的评估，按提交时间从早到晚排列。",
  "review.empty": "目前没有待审核的评估。分析员提交评估后会出现在这里。",
  "review.col.pledge": "承诺",
  "review.col.report": "报告",
  "review.col.status": "评估",
  "review.col.submittedBy": "提交人",
  "review.col.submittedAt": "提交时间",

  "audit.title": "审计报告",
  "audit.subtitle": "按地区和年份汇总承诺兑现情况。",
  "audit.empty": "还没有可汇总的报告。导入报告后，这里会按地区和年份列出承诺与评估进度。",
  "audit.col.region": "地区",
  "audit.col.years": "年份",
  "audit.col.reports": "报告数",
  "audit.col.pledges": "承诺数",
  "audit.col.assessed": "已评估",
  "audit.col.approved": "已批准",

  "admin.users.title": "用户管理",
  "admin.users.subtitle": "创建账户、分配角色、停用账户。",
  "admin.users.create": "新建用户",
  "admin.users.name": "姓名",
  "admin.users.email": "邮箱",
  "admin.users.role": "角色",
  "admin.users.password": "初始密码",
  "admin.users.status": "状态",
  "admin.users.created": "创建时间",
  "admin.users.active": "启用",
  "admin.users.disabled": "已停用",
  "admin.users.disable": "停用",
  "admin.users.enable": "启用",
  "admin.users.you": "（你）",
  "admin.users.createdOk": "用户已创建。",
  "admin.users.updatedOk": "已保存。",
  "admin.users.submit": "创建",

  "account.title": "账户",
  "account.profile": "个人信息",
  "account.changePassword": "修改密码",
  "account.currentPassword": "当前密码",
  "account.newPassword": "新密码（至少 10 个字符）",
  "account.confirmPassword": "确认新密码",
  "account.submit": "修改密码",

  "forbidden.title": "无权访问",
  "forbidden.body": "你的角色无权查看此页面。如需权限，请联系管理员。",
  "forbidden.back": "返回报告列表",
  "notFound.title": "页面不存在",
  "notFound.body": "找不到这个页面，它可能已被删除，或链接有误。",

  "error.UNAUTHENTICATED": "登录已失效，请重新登录。",
  "error.FORBIDDEN": "你的角色无权执行此操作。",
  "error.NOT_FOUND": "找不到该记录，它可能已被删除。",
  "error.CONFLICT": "该记录已被他人修改，请刷新后重试。",
  "error.INVALID_INPUT": "输入有误，请检查后重试。",
  "error.DUPLICATE": "该记录已存在。",
  "error.LOCKED": "操作过于频繁，请稍后再试。",
  "error.INTERNAL": "出现意外错误，请稍后重试。",
  "field.PASSWORD_TOO_SHORT": "密码至少需要 10 个字符。",
  "field.PASSWORD_TOO_LONG": "密码过长。",
  "field.EMAIL_INVALID": "邮箱格式不正确。",
  "field.NAME_REQUIRED": "请填写姓名。",
  "field.NAME_TOO_LONG": "姓名过长。",
  "field.ROLE_INVALID": "角色无效。",
  "field.PASSWORDS_DIFFER": "两次输入的新密码不一致。",
  "field.CURRENT_PASSWORD_REQUIRED": "请输入当前密码。",
  "field.CURRENT_PASSWORD_WRONG": "当前密码不正确。",
  "field.SELF_CHANGE": "不能修改自己的角色或停用自己。",
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  "app.name": "Duixian",
  "app.tagline": "Work-report pledge tracker",
  "nav.reports": "Reports",
  "nav.review": "Review queue",
  "nav.audit": "Audit reports",
  "nav.admin": "Admin",
  "nav.account": "Account",
  "nav.signOut": "Sign out",
  "nav.language": "Language",
  "role.admin": "Admin",
  "role.reviewer": "Reviewer",
  "role.analyst": "Analyst",
  "role.viewer": "Viewer",

  "login.title": "Sign in",
  "login.subtitle": "Sign in to Duixian with your email and password",
  "login.email": "Email",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.submitting": "Signing in…",
  "login.error.invalid": "Wrong email or password.",
  "login.error.locked": "Too many failed sign-ins: this account is locked for now. Try again in 15 minutes.",
  "login.error.disabled": "This account is disabled. Ask an administrator.",
  "login.error.generic": "Sign-in failed. Please try again.",
  "login.passwordChanged": "Password changed. Sign in with your new password.",
  "login.demoHint": "Demo accounts are listed in the README.",

  "reports.title": "Reports",
  "reports.count": "{count} reports",
  "reports.empty.title": "No reports yet",
  "reports.empty.body": "Import a government work report (paste text or upload a .txt / .html file; simplified or traditional, UTF-8, GB18030 or Big5) to begin. From a terminal: npm run cli -- import FILE…",
  "reports.col.region": "Region",
  "reports.col.year": "Year",
  "reports.col.title": "Title",
  "reports.col.delivered": "Delivered",
  "reports.col.speaker": "Speaker",
  "reports.col.script": "Script",
  "reports.col.pledges": "Pledges",
  "reports.col.reviewedBy": "Reviewed by",
  "reports.unknownYear": "year unknown",
  "reports.notParsed": "not parsed",
  "script.simplified": "Simplified",
  "script.traditional": "Traditional",

  "review.title": "Review queue",
  "review.subtitle": "Submitted assessments awaiting review, oldest first.",
  "review.empty": "Nothing awaits review. Assessments appear here once an analyst submits them.",
  "review.col.pledge": "Pledge",
  "review.col.report": "Report",
  "review.col.status": "Assessment",
  "review.col.submittedBy": "Submitted by",
  "review.col.submittedAt": "Submitted",

  "audit.title": "Audit reports",
  "audit.subtitle": "Pledge fulfilment by region and year.",
  "audit.empty": "Nothing to summarise yet. Once reports are imported, their pledges and assessment progress are listed here by region and year.",
  "audit.col.region": "Region",
  "audit.col.years": "Years",
  "audit.col.reports": "Reports",
  "audit.col.pledges": "Pledges",
  "audit.col.assessed": "Assessed",
  "audit.col.approved": "Approved",

  "admin.users.title": "Users",
  "admin.users.subtitle": "Create accounts, assign roles, disable accounts.",
  "admin.users.create": "New user",
  "admin.users.name": "Name",
  "admin.users.email": "Email",
  "admin.users.role": "Role",
  "admin.users.password": "Initial password",
  "admin.users.status": "Status",
  "admin.users.created": "Created",
  "admin.users.active": "Active",
  "admin.users.disabled": "Disabled",
  "admin.users.disable": "Disable",
  "admin.users.enable": "Enable",
  "admin.users.you": " (you)",
  "admin.users.createdOk": "User created.",
  "admin.users.updatedOk": "Saved.",
  "admin.users.submit": "Create",

  "account.title": "Account",
  "account.profile": "Profile",
  "account.changePassword": "Change password",
  "account.currentPassword": "Current password",
  "account.newPassword": "New password (at least 10 characters)",
  "account.confirmPassword": "Confirm new password",
  "account.submit": "Change password",

  "forbidden.title": "Access denied",
  "forbidden.body": "Your role does not allow this page. Ask an administrator if you need access.",
  "forbidden.back": "Back to reports",
  "notFound.title": "Page not found",
  "notFound.body": "This page does not exist: it may have been deleted, or the link is wrong.",

  "error.UNAUTHENTICATED": "Your session has ended. Please sign in again.",
  "error.FORBIDDEN": "Your role does not allow this action.",
  "error.NOT_FOUND": "Not found: it may have been deleted.",
  "error.CONFLICT": "Someone else changed this in the meantime. Reload and try again.",
  "error.INVALID_INPUT": "Some input is not valid. Check and try again.",
  "error.DUPLICATE": "This already exists.",
  "error.LOCKED": "Too many attempts. Try again later.",
  "error.INTERNAL": "Something unexpected went wrong. Please try again.",
  "field.PASSWORD_TOO_SHORT": "The password needs at least 10 characters.",
  "field.PASSWORD_TOO_LONG": "The password is too long.",
  "field.EMAIL_INVALID": "That is not a valid email address.",
  "field.NAME_REQUIRED": "Enter a name.",
  "field.NAME_TOO_LONG": "The name is too long.",
  "field.ROLE_INVALID": "Unknown role.",
  "field.PASSWORDS_DIFFER": "The new passwords do not match.",
  "field.CURRENT_PASSWORD_REQUIRED": "Enter your current password.",
  "field.CURRENT_PASSWORD_WRONG": "The current password is wrong.",
  "field.SELF_CHANGE": "You cannot change your own role or disable yourself.",
};

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";
export const catalogues: Record<Locale, Record<MessageKey, string>> = { zh, en };

/** Whether a value names a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A translate function for one locale; `{name}` placeholders are filled from vars. */
export function createTranslator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, vars) => {
    const text = messages[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
  };
}

/** Whether a string is a key of the catalogue (for codes that arrive from the server). */
export function isMessageKey(key: string): key is MessageKey {
  return key in zh;
}
