/**
 * Tiers: whether next year's review can confirm or refute an extracted commitment.
 *
 * - **trackable**, with the reason: a numeric or otherwise checkable `target` (增长5%左右,
 *   全覆盖, 完成国家下达的减排任务); a `count` of things to do (新建公园120座); a named, finite
 *   `project`, facility, event or programme to start, build, finish or hold (开工建设13号线东延伸,
 *   办好北京国际电影节); a `date`d action (年底前建成); a specific `reform` step (出台…办法, 设立…基金,
 *   完成…改革试点).
 * - **direction**: a genuine commitment with no checkable outcome (加强生态环境保护, 深化放管服改革,
 *   实施…行动 as an ongoing campaign).
 *
 * And what is no commitment at all (rhetoric, situation, slogans, fragments) is recognised by
 * `isNotACommitment`, so that the extractor leaves it out. Pure; works on the analysis text
 * (simplified, half-width punctuation).
 */
import type { PledgeTier, Target, TierReason } from "./types";

export type { PledgeTier, TierReason } from "./types";

/** Units that count things (a count), as opposed to measures, money and rates (a target). */
const COUNT_UNIT =
  /^(个|家|所|座|条|项|件|名|台|辆|栋|套|间|张|株|棵|户|处|场|部|批|期|种|床|届|支|只|盏|篇|架|艘|批次|次|人次|人|万人|万户|万个|万家|万套|万间|千人|亿人次|万人次)$/;

/** Checkable outcomes without a number. */
const QUALITATIVE_TARGET =
  /(正增长|由负转正|止跌回稳|扭亏为盈|达到[ⅠⅡⅢⅣⅤ]+类|[ⅠⅡⅢⅣⅤ]+类(以上)?水质|完成(年度|今年|全年)?(?!(各项|今年|全年)?目标任务)[^,;。]{2,30}任务$|高于[^,;。]{0,24}(增长|增幅|幅度|水平)|收官|达到国家(要求|标准)|完成(年度|国家|省定|市定)?(目标任务|考核任务|约束性指标)|全部(退出|完成|达标|建成|关停|销号|清零|出清|化解|接入)|所有[^,;。]{1,12}(通|覆盖|达标|接入)|晋升(为)?国家级|全覆盖|翻一番|翻番|同步|持平|基本平衡|只增不减|不低于全国|高于全国|达到国家.{0,8}标准|(完成|落实)(好)?(国家|中央|省|市|自治区|上级)(下达|确定|分解)的.{0,24}(任务|指标|目标)|实现.{0,12}(清零|动态清零|零增长|零事故)|(消除|清零|全部(完成|达标|建成|销号))|力争.{0,10}(进入|迈入|跻身|突破|超过|达到).{0,10}(前列|行列|千亿|万亿|百强))/;

/** A deadline: the action is dated. */
const DATED =
  /((年底|年末|年内|年中|上半年|下半年|\d{1,2}月(底|份|末)?)前?|\d{4}年(底|前|内)|(本年度|今年|当年)内|本届政府任期内)/;
const COMPLETION =
  /(完成|建成|实现|出台|启动|开工|竣工|投用|投运|开通|通车|交付|达到|覆盖|落地|上线|运行)/;

/** A specific reform or policy step: a named instrument issued, a body set up, a pilot carried out. */
const REFORM =
  /((推进|加快|完成|开展|启动|做好|加强)[^,;。]{0,20}立法|省级统筹|全国统筹|(出台|制定|修订|修改|颁布|印发|发布|编制|起草|完成)[^,;。]{0,30}(办法|条例|规定|实施意见|若干意见|方案|细则|政策措施|法规|清单|目录|规划|标准|意见)|(设立|成立|组建|挂牌|筹建)[^,;。]{1,30}(基金|公司|中心|机构|平台|研究院|实验室|委员会|集团|银行|交易所|学院|大学)|(开展|抓好|推进|完成|争取|承担|实施)[^,;。]{0,20}(国家|省级|全国)[^,;。]{0,20}试点|试点[^,;。]{0,4}(建设|工作)?(任务)?(通过|验收)|(调整|提高|上调)[^,;。]{0,12}(最低工资|标准|补助|养老金|基础养老金))/;

/** Verbs that bring a project to a checkable state, and facilities/events they act on. */
const PROJECT_DONE =
  /(建成|开工|竣工|完工|投运|投产|达产|投用|投入使用|投入运营|开通|通车|通航|开馆|开园|开业|交付|落成|建设完成|主体完工|办好|举办|承办|筹办|主办|召开|筹建|新建|改扩建|改建|扩建|新开|开建|启用|试运行|实体化运行|落地)/;

/** Soft verbs over a named project still make it checkable (推进怀柔国家实验室内蒙古基地…尽早落地). */
const SOFT_PROJECT_VERB =
  /^(积极|全力|稳妥|加快|大力|全面|有序|尽快|重点|确保|力促|力争)?(加快|推进|推动|加快推进|开工建设|建设|建好|实施|完成|启动|打造|谋划|争取|创建|争创)/;

/** Ongoing campaigns and soft verbs over generic objects: direction. */
const CAMPAIGN =
  /^(深入|持续|广泛|全面|大力|扎实|积极)?(深化|开展|实施)[^,;。]{0,20}(行动|工程|活动|计划|战略|攻坚|专项整治|排查整治|建设)$/;

/**
 * The tier of an extracted commitment and why. `text` is the item in analysis form, `target` its
 * main numeric target (findMainTarget), if any.
 */
export function classifyTier(
  text: string,
  target: Target | null,
): { tier: PledgeTier; reason: TierReason | null } {
  if (target)
    return {
      tier: "trackable",
      reason: COUNT_UNIT.test(target.unit) && !target.growth ? "count" : "target",
    };
  if (QUALITATIVE_TARGET.test(text)) return { tier: "trackable", reason: "target" };
  if (REFORM.test(text)) return { tier: "trackable", reason: "reform" };
  if (DATED.test(text) && COMPLETION.test(text)) return { tier: "trackable", reason: "date" };
  if (isNamedProject(text)) return { tier: "trackable", reason: "project" };
  return { tier: "direction", reason: null };
}

/** Creating or earning a named designation (创建国家文物保护利用示范区, 争创国家技术创新中心). */
const DESIGNATION =
  /((创建|争创|创成|申报|获批|建好|共建|筹建|申建|建成)[^,;。]{0,24}(国家|全国|国际|省级)[^,;。]{0,20}(示范区|示范市|示范县|示范基地|试验区|先行区|中心|城市|基地|园区|工业园|实验室|平台|公园|名城|遗产)|(创建|争创|创成|获批|申建)[^,;。]{2,30}(示范区|示范市|示范县|试验区|先行区|示范城市|文明城市|卫生城市|园林城市))/;
/** Holding a named event (办好北京国际电影节, 举办…论坛), applying for a listing (琉璃河遗址申遗). */
const EVENT_HELD =
  /((办好|举办|承办|筹办|主办|召开|办成|备战)[^,;。]{1,30}(节|论坛|会|赛|峰会|大会|展|周)|申遗|申报世界|换届选举|“[^”]{2,12}年”(活动|行动))/;
/** A specific, numbered event (第四次全国文物普查, 第十五届全运会). */
const NUMBERED_EVENT =
  /(第[一二三四五六七八九十\d]+(次|届|期)[^,;。]{0,16}(普查|会|赛|节|展|论坛|工程|调查)|[一二三四五六七八九十\d]+届[^,;。]{0,10}(运动会|全运会|博览会|会|赛|节|展))/;
/** A proper name before a facility word: 2+ characters that are not a generic qualifier. */
const PROPER_FACILITY =
  /([\u4e00-\u9fff]{2,12})(工程|项目|中心|平台|云|高速公路|公路|高速|铁路|高铁|城际|港区|港口|聚集区|度假带|园区|产业园|工业园|基地|广场|公园|学校|大学|学院|医院|院区|新址|通道|隧道|大桥|水厂|电站|电厂|场馆|体育场|景区|综合体|机场|港|码头|水库|灌区|博物馆|美术馆|图书馆|剧院|实验室|研究院|遗址|城楼|示范区|试验区|自贸区|开发区|高新区|经开区|新区|片区|口岸|枢纽|号线)/;
const GENERIC_NAME =
  /^(公立|民营|国有|外资|中小|高风险|优质|大型|小型|一批|若干|各类|一些|重点|重大|相关|基础|公共|配套|城乡|农村|城市|民生|社会|文化|体育|产业|市政|水利|交通|能源|各级|新型|现代|智慧|数字|绿色|标准化|规范化|综合|示范|创新|科技|重要|大型|特色|高标准|高质量|区域|全省|全市|全区|全县|省级|市级|县级|国家级|乡镇|社区|村级|基层|中小|骨干)/;

/** Verbs that build the named thing itself (共建京津冀技术创新中心, 搭建…平台). */
const BUILD_VERB = /^(积极|加快)?(建设|建好|共建|搭建|组建|新建|建立|筹建|兴建)/;
/** A facility or zone acted on physically (built, opened, restored, sited, landed), not developed in general. */
const PHYSICAL_ACT =
  /(启动|建设|建成|开放|修缮|落地|选址|开工|改造|搬迁|投用|运营|通车|竣工|完工|开通|落成|启用|实体化运行|挂牌)/;
const ONGOING =
  /(高质量发展|改革创新|优化整合|做大做强|提质|转型|发展壮大|能级|双一流|承担更多|协同发展|创新发展|提档升级)/;
/** A category rather than one thing: 一批…, 更多…, 各类… */
const CATEGORY = /(一批|若干|更多|各类|一些|多个|等(重点|重大)?(项目|工程|平台|设施))/;

/** Verbs and adverbs that open a clause before the name of what it acts on. */
const LEADING_VERBS =
  /^.*?(加快|推进|推动|建设|完成|实施|新建|开工|建成|积极|全力|稳妥|启动|打造|支持|创建|争创|建立|提高|确保|做好|抓好|加强|深化|优化|完善|开展|落实|推行|引进|培育|发展|扩大|提升|促进|强化|健全|共建|搭建|组建|建好|筹建|谋划|争取)+/;

/** The proper name before a facility word, if it is not a generic qualifier (正阳门城楼, 安定医院, 怀柔国家实验室). */
function properFacility(text: string): string | null {
  for (const m of text.matchAll(new RegExp(PROPER_FACILITY.source, "g"))) {
    const full = m[1].replace(LEADING_VERBS, "");
    // 中线主体及配套工程: the name before a conjunction counts as well as the one after it.
    for (const name of [full.replace(/^.*[和及与、的]/, ""), full.replace(/[和及与、的].*$/, "")]) {
      if (name.length >= 2 && !GENERIC_NAME.test(name)) return name + m[2];
    }
  }
  return null;
}

function isNamedProject(text: string): boolean {
  if (DESIGNATION.test(text) || NUMBERED_EVENT.test(text) || EVENT_HELD.test(text)) return true;
  if (CATEGORY.test(text)) return false;
  const named =
    properFacility(text) ??
    /(《[^》]{2,}》|[0-9一二三四五六七八九十]+号线)/.exec(text)?.[0] ??
    null;
  if (!named) return false;
  if (CAMPAIGN.test(text) && !/[0-9一二三四五六七八九十]+号线/.test(text)) return false;
  // Brought to a checkable state (建成开放中国长城博物馆, 市疾控中心新址建成投用), or a soft verb over a
  // physical act on it (推进正阳门城楼开放, 加快安定医院选址建设) — not its development in general.
  if (PROJECT_DONE.test(text) || BUILD_VERB.test(text)) return !ONGOING.test(text);
  return SOFT_PROJECT_VERB.test(text) && PHYSICAL_ACT.test(text) && !ONGOING.test(text);
}

/** Rhetoric, slogans and statements: the words of a report that commit to nothing checkable or doable. */
const RHETORIC =
  /^(决不|绝不|不能|不要|不搞|说话|多换位|多体恤|真正做到让|切实做到对|努力做到让|坚决做到|深刻领悟|深刻认识|深刻汲取|深刻把握|牢固树立|树牢|增强“四个意识”|坚定“四个自信”|坚持为人民|坚持民之所盼|以.{1,30}(引领|带动|为统领)[^,;。]{0,30}$|让.{2,}|使.{2,}|为.{2,}(作出|贡献|提供保障|奠定)|守好|守住|筑牢|扛牢|扛起|担起|答好|交出|跑出|干出|展现|彰显|奋力|勇于|敢于|善于|用.{1,10}(坚定|诠释|书写)|.{0,12}(是|乃)(我们|祖国|首都|全国|国家|全省|全市|全区|内蒙古|新疆|北京)?的?[^,;。]{0,12}(关键|基础|保障|前提|根本|大门|护城河|屏障|责任|使命|生命线|标志|需要|要求))/;
/** Conduct and loyalty: how the government means to behave, not what it will do. */
const CONDUCT =
  /(政治(品格|本色|判断力|领悟力|执行力|站位|担当|生态)|对党忠诚|忠诚干净|清正廉洁|永葆|锻造|学懂弄通|三严三实|钉钉子精神|良好形象|恪守|初心|看北京首先要从政治上看|两个毫不动摇|贯彻[^,;。]{0,12}(思想|精神)$|深入实际|问政于民|问需于民|问计于民|群众愿望|工作实效|新风正气|形式主义|官僚主义|不作为|乱作为|慢作为|懒政|怠政|庸懒散|铺张浪费|失职|渎职|弄虚作假|政治立场|政治方向|政治原则|政治道路|高度一致|决策部署|大政方针|不折不扣|守成思想|官本位|勇于担当|敢于担当|担当负责)/;
const RHETORIC_ANYWHERE =
  /(两个确立|两个维护|四个意识|四个自信|政绩观|政治生态|风清气正|带血的|注水的|撒胡椒面|急功近利|弄虚作假|盲目蛮干|言而有信|诚实守信|真抓实干|担当作为|实干担当|斗争精神|历史主动|初心使命|以上率下|新气象新作为|新征程|新使命|开好局|起好步|赶考路|奋进|谱写|书写|绘就)/;

/** Statements about the targets and the situation, conditionals and slogans: "这些目标…", "有利于…", "企业好经济就好". */
const STATEMENT =
  /^(这些|这一|上述|以上)(目标|指标|任务|举措|措施)|^(有利于|有助于|都需要|力求|而且要|旨在|意在|目的是|关键在于|重点在于)|[^,;。]{1,8}就(有|好|能|会|是)[^,;。]{0,8}$|^站在|^(新形势新任务|新征程新使命)/;

/**
 * Descriptions of the situation: conditions and judgements, not actions (形势依然严峻, 不确定因素较多,
 * 从宏观经济环境看, 产业结构偏重, 我们…充满信心).
 */
const SITUATION =
  /(看$|^(从|就)[^,;。]{2,16}(看|来看|而言)|(形势|风险|压力|挑战|困难|矛盾|问题|因素|环境|局面|态势|基础|优势|机遇|条件|信心)[^,;。]{0,8}(严峻|复杂|较多|加大|增多|突出|依然|仍然|明显|较大|不少|加剧|上升|蔓延|扩散|更多|更大|增强|充足|有利|积极)|(偏重|偏低|偏弱|偏小|不足|不强|不够|不高|较弱|较强|较大|较多|严峻|复杂|突出|蔓延|崛起|明显加强|充满信心|更加统一|更加充足)$|^(尽管|虽然|但是|然而|同时还要看到|我们也要看到|也要清醒看到|经过多年|加上)|面临[^,;。]{0,12}(挑战|困难|局面|压力|考验)|^我(国|省|市|区|县)[^,;。]{0,6}(仍|已|正|经济|发展|的)[^,;。]{0,30}$)/;

/** Verbs (and their adverbs) that open a clause doing something. */
const ACTION_START =
  /^(深入|全面|大力|积极|持续|扎实|切实|认真|重点|继续|进一步|着力|努力|加快)?(开展|加强|推进|推动|实施|支持|做好|抓好|解决|建设|建立|完善|健全|落实|深化|优化|提升|提高|促进|扩大|培育|发展|打造|引导|鼓励|帮助|扶持|保障|强化|整治|治理|防范|化解|稳定|改善|降低|减少|严格|规范|创新|组织|启动|完成|实现|确保|力争|争取)/;

/**
 * Whether an extracted clause commits to nothing: rhetoric (坚决完成任务, 拿出硬办法), a slogan, a
 * statement of the situation (内蒙古是祖国的“北大门”), a lesson (深刻汲取…教训), a purpose or effect
 * (让…, 守好…底线), or a fragment too short to mean anything alone (科学决策, 化繁就简).
 * A clause with a numeric target is never dropped here.
 */
export function isNotACommitment(text: string, target: Target | null): boolean {
  if (target || classifyTier(text, null).tier === "trackable") return false;
  const han = (text.match(/[\u4e00-\u9fff]/g) || []).length;
  if (han < 5) return true;
  if (RHETORIC.test(text)) return true;
  if (RHETORIC_ANYWHERE.test(text) || CONDUCT.test(text) || STATEMENT.test(text)) return true;
  // A clause that opens with an action (开展…专项整治, 重点支持面临困难的企业) acts on the situation it names.
  if (SITUATION.test(text) && !ACTION_START.test(text)) return true;
  return false;
}
