import { renderTemplate, type IssueParams, type Locale } from '../index.js';

/**
 * The CLI's own words (help, errors, report headings and column labels) in English and
 * Simplified Chinese. Library issues keep their own catalogs (`src/i18n/`); these are
 * presentation only.
 */
const en = {
  usage: `sales-funnel — B2B sales funnel report (销售漏斗)

Usage:
  sales-funnel report [file.json] [--as-of DATE] [--since DATE] [--tz ZONE]
                      [--format text|json|html] [--width N]
                      [--lang en|zh-CN] [--out FILE]
  sales-funnel report --deals FILE --events FILE --pipeline FILE.json
                      [--customers FILE [--customer-events FILE]]
                      [--input-format csv|ndjson] [--map FILE.json] [options]
  sales-funnel sample [--lang en|zh-CN] [--out FILE]
  sales-funnel --help

Commands:
  report   Report on a JSON file { pipeline, customers?, opportunities, users?, asOf? }
           (use - to read standard input). Without a file, reports on the embedded
           sample: a 6-stage pipeline with about 300 deals over two years.
           With --deals, reports on a CRM's table exports instead, in CSV or NDJSON:
           the deals (one row per deal) and their events (one row per event),
           with the pipeline and settings in a small JSON file. Columns: see the
           guide (docs/guides/command-line.md).
  sample   Print the embedded sample as JSON, a starting point for your own file:
           sales-funnel sample > deals.json

Options:
  --as-of DATE     Report date: YYYY-MM-DD (midnight of that day in the --tz zone) or
                   an ISO 8601 date-time with offset. Default: the file's "asOf", else
                   the latest event in the file; for the sample 2026-11-23T00:00Z.
  --since DATE     Start of the "movement" section (what changed since): a date or
                   date-time as for --as-of. Default: 7 days before the report date.
  --tz ZONE        IANA time zone (Asia/Shanghai, Europe/Berlin, UTC) for dates,
                   quarters and "today" in the report. Default: this machine's zone.
  --format FORMAT  text (default), json or html (one self-contained page).
  --width N        Widest line of the text report, in columns (40 to 1000; Chinese
                   characters count two). Default: the terminal's width, else 80.
  --lang LANG      en (default) or zh-CN, for the report, the sample's words and
                   error messages.
  --out FILE       Write to FILE instead of standard output.
  --deals FILE     The deals, CSV or NDJSON, one row per deal (table opportunities).
  --events FILE    Their ledgers, one row per event, in any order
                   (table opportunity_events).
  --pipeline FILE  JSON: { pipeline, asOf?, users?, customers?, poolRules?, ... }
                   as in the JSON file, without opportunities; or the pipeline alone.
  --customers FILE The customers, CSV or NDJSON (table customers), optional.
  --customer-events FILE
                   The customers' ledgers (table customer_events), optional.
  --input-format FORMAT
                   csv or ndjson for every table file. Default: by the file's
                   extension (.csv; .ndjson or .jsonl).
  --map FILE       JSON renaming your columns: { "Deal ID": "id", ... }, or one
                   such object per table: { "deals": {...}, "events": {...} }.
  -h, --help       Show this help.

Records the file gets wrong (a bad deal, a duplicated id) are listed and left out; the
report covers the others. "users" ([{ "id", "name" }]) names the people behind the
owner ids; the report shows their names.

When standard error is a terminal, the progress of reading CSV and NDJSON files
(rows read, records rejected, time elapsed) is shown there, and cleared at the end.

Exit codes: 0 report written, every record valid; 1 report written, some records
rejected; 2 bad arguments or unusable input (not JSON, wrong shape, no usable
pipeline, a table without its required columns), nothing written; 3 unexpected failure.
`,
  error: 'error: ',
  unknownOption: 'unknown option {option}',
  unknownCommand: 'unknown command "{command}" (expected report or sample)',
  missingValue: 'option {option} needs a value',
  badValue: 'invalid value "{value}" for {option} (expected {expected})',
  badAsOf: 'invalid --as-of "{value}" (expected YYYY-MM-DD or an ISO 8601 date-time with offset)',
  badTimeZone: 'invalid --tz "{value}" (expected an IANA time zone such as Asia/Shanghai or UTC)',
  badSince: 'invalid --since "{value}" (expected YYYY-MM-DD or an ISO 8601 date-time with offset, before the report date)',
  badWidth: 'invalid --width "{value}" (expected a whole number of columns from {min} to {max})',
  extraArgument: 'unexpected argument "{value}"',
  optionNotFor: 'option {option} does not apply to the {command} command',
  seeHelp: "Run 'sales-funnel --help' for usage.",
  cannotRead: 'cannot read {file}: {reason}',
  cannotWrite: 'cannot write {file}: {reason}',
  fsNotFound: 'no such file or directory',
  fsDenied: 'permission denied',
  fsIsDirectory: 'is a directory',
  fsNotDirectory: 'a parent of the path is not a directory',
  notJson: '{file} is not valid JSON: {reason}',
  jsonAtLine: 'a syntax error near line {line}, column {column}',
  jsonAtPosition: 'a syntax error near character {position}',
  jsonTruncated: 'the text ends too early',
  jsonSyntax: 'a syntax error',
  invalidFile: '{file} is not a valid sales-funnel file ({count} problems):',
  invalidFileOne: '{file} is not a valid sales-funnel file (1 problem):',
  andMore: '… and {count} more',
  rejectedRecords: '{file}: rejected {rejected} of {total} records; the report covers the rest:',
  andMoreRecords: '… and {count} more rejected records',
  rootPath: '(root)',
  noAsOf: '{file} has no events to date the report; pass --as-of',
  refused: 'the report cannot be computed: {reason}',
  internal: 'unexpected failure: {reason}',
  wrote: 'Wrote {file}',
  stdin: 'standard input',
  sampleName: 'embedded sample',
  fileAndDeals: 'a file argument ("{file}") and --deals cannot be used together: give one JSON file, or the table files',
  needsOption: 'option {option} needs {needs}',
  stdinOnce: 'only one file can be read from standard input (-)',
  unknownInputFormat: 'cannot tell the format of {file} from its name; pass --input-format csv or --input-format ndjson',
  badMap: '{file} is not a valid column mapping: {reason}',
  mapShape:
    'expected an object of { "your column": "column" }, or one such object per table ({ "deals": {…}, "events": {…}, "customers": {…}, "customerEvents": {…} })',
  mapUnknownColumn: '"{column}" is not a column of the {table} table ({columns})',
  mapTwice: 'two columns are mapped to {column} of the {table} table',
  noHeader: '{file} is empty: expected a header row with the column names',
  missingColumns: '{file} has no column {columns}; rename yours with --map',
  duplicateColumn: '{file}: the column {column} appears twice in the header',
  unclosedQuote: '{file}:{line}: a quoted field that starts on this line is never closed',
  settingsHasDeals: '{file} lists opportunities; with --deals the deals come from the deals file',
  customersTwice: 'the customers are given twice: in {file} and with --customers',
  rowFieldCount: 'The row has {actual} fields; the header has {expected}',
  rowTextAfterQuote: 'Text after the closing quote of a field',
  rowNotJson: 'The line is not JSON: {reason}',
  rowNotObject: 'Expected a JSON object on this line',
  rowNoOwner: 'Expected the id of the record this event belongs to',
  progress: 'Reading {file}: {rows} rows, {rejected} rejected, {seconds} s',
} as const;

type Messages = { readonly [K in keyof typeof en]: string };

const zhCN: Messages = {
  usage: `sales-funnel — B2B 销售漏斗报告

用法：
  sales-funnel report [file.json] [--as-of 日期] [--since 日期] [--tz 时区]
                      [--format text|json|html] [--width 列数]
                      [--lang en|zh-CN] [--out 文件]
  sales-funnel report --deals 文件 --events 文件 --pipeline 文件.json
                      [--customers 文件 [--customer-events 文件]]
                      [--input-format csv|ndjson] [--map 文件.json] [选项]
  sales-funnel sample [--lang en|zh-CN] [--out 文件]
  sales-funnel --help

命令：
  report   对 JSON 文件 { pipeline, customers?, opportunities, users?, asOf? } 生成报告
           （文件名为 - 时读取标准输入）。不指定文件时使用内置样例：
           一个 6 阶段的销售漏斗，两年约 300 个商机。
           指定 --deals 时改为读取 CRM 导出的 CSV 或 NDJSON 表：商机表（每个商机一行）
           和商机事件表（每个事件一行），销售漏斗及其他设置放在一个小 JSON 文件中。
           各列说明见指南（docs/guides/command-line.md）。
  sample   以 JSON 格式输出内置样例，可在此基础上修改成自己的数据文件：
           sales-funnel sample --lang zh-CN > deals.json

选项：
  --as-of 日期     报告日期：YYYY-MM-DD（--tz 时区的当日 0 点）或带时区的 ISO 8601 时间。
                   默认：文件中的 asOf，否则为文件中最晚的事件；样例为北京时间
                   2026-11-23 08:00。
  --since 日期     “本期变化”一节的起点，格式同 --as-of。默认：报告日期前 7 天。
  --tz 时区        IANA 时区（Asia/Shanghai、Europe/Berlin、UTC），用于报告中的日期、
                   季度和“今天”。默认：本机时区。
  --format 格式    text（默认）、json 或 html（单个自包含网页）。
  --width 列数     文本报告每行的最大宽度（40 到 1000 列，一个汉字占两列）。
                   默认：终端宽度，非终端时为 80。
  --lang 语言      en（默认）或 zh-CN，用于报告、样例中的文字和错误信息。
  --out 文件       输出到文件，而非标准输出。
  --deals 文件     商机表，CSV 或 NDJSON，每个商机一行（opportunities 表）。
  --events 文件    商机事件表，每个事件一行，顺序不限（opportunity_events 表）。
  --pipeline 文件  JSON：{ pipeline, asOf?, users?, customers?, poolRules?, ... }，
                   与 JSON 数据文件相同，但不含 opportunities；也可只给销售漏斗本身。
  --customers 文件 客户表，CSV 或 NDJSON（customers 表），可选。
  --customer-events 文件
                   客户事件表（customer_events 表），可选。
  --input-format 格式
                   所有表文件的格式：csv 或 ndjson。默认按扩展名判断
                   （.csv；.ndjson 或 .jsonl）。
  --map 文件       JSON 列名对照：{ "商机编号": "id", ... }，或按表分别给出：
                   { "deals": {...}, "events": {...} }。
  -h, --help       显示本帮助。

文件中有误的记录（无效商机、重复的 ID）会被列出并排除，报告涵盖其余记录。
users（[{ "id", "name" }]）给出负责人 ID 对应的姓名，报告中显示姓名。

标准错误输出为终端时，读取 CSV 和 NDJSON 文件期间在其中显示进度（已读行数、被拒绝的
记录数、已用时间），结束时清除。

退出码：0 已生成报告，所有记录有效；1 已生成报告，部分记录被拒绝；2 参数有误或输入
无法使用（不是 JSON、结构不对、没有可用的销售漏斗、表缺少必需的列），未生成报告；
3 程序内部错误。
`,
  error: '错误：',
  unknownOption: '未知选项 {option}',
  unknownCommand: '未知命令“{command}”（应为 report 或 sample）',
  missingValue: '选项 {option} 需要一个值',
  badValue: '选项 {option} 的值“{value}”无效（应为 {expected}）',
  badAsOf: '--as-of 的值“{value}”无效（应为 YYYY-MM-DD 或带时区的 ISO 8601 时间）',
  badTimeZone: '--tz 的值“{value}”无效（应为 IANA 时区，例如 Asia/Shanghai 或 UTC）',
  badSince: '--since 的值“{value}”无效（应为 YYYY-MM-DD 或带时区的 ISO 8601 时间，且早于报告日期）',
  badWidth: '--width 的值“{value}”无效（应为 {min} 到 {max} 之间的整数列数）',
  extraArgument: '多余的参数“{value}”',
  optionNotFor: '选项 {option} 不适用于 {command} 命令',
  seeHelp: '运行 sales-funnel --help 查看用法。',
  cannotRead: '无法读取 {file}：{reason}',
  cannotWrite: '无法写入 {file}：{reason}',
  fsNotFound: '文件不存在',
  fsDenied: '没有访问权限',
  fsIsDirectory: '这是一个目录',
  fsNotDirectory: '路径中的上级不是目录',
  notJson: '{file} 不是有效的 JSON：{reason}',
  jsonAtLine: '第 {line} 行第 {column} 列附近有语法错误',
  jsonAtPosition: '第 {position} 个字符附近有语法错误',
  jsonTruncated: '内容不完整，提前结束',
  jsonSyntax: '有语法错误',
  invalidFile: '{file} 不是有效的 sales-funnel 数据文件（共 {count} 个问题）：',
  invalidFileOne: '{file} 不是有效的 sales-funnel 数据文件（共 1 个问题）：',
  andMore: '……另有 {count} 个问题',
  rejectedRecords: '{file}：{total} 条记录中有 {rejected} 条被拒绝，报告涵盖其余记录：',
  andMoreRecords: '……另有 {count} 条被拒绝的记录',
  rootPath: '（根）',
  noAsOf: '{file} 中没有可确定报告日期的事件，请指定 --as-of',
  refused: '无法生成报告：{reason}',
  internal: '程序内部错误：{reason}',
  wrote: '已写入 {file}',
  stdin: '标准输入',
  sampleName: '内置样例',
  fileAndDeals: '不能同时指定数据文件（“{file}”）和 --deals：请只给一个 JSON 文件，或只给各个表文件',
  needsOption: '选项 {option} 需要与 {needs} 一起使用',
  stdinOnce: '只能有一个文件从标准输入（-）读取',
  unknownInputFormat: '无法从文件名判断 {file} 的格式，请指定 --input-format csv 或 --input-format ndjson',
  badMap: '{file} 不是有效的列名对照：{reason}',
  mapShape: '应为 { "你的列名": "列名" } 形式的对象，或按表分别给出（{ "deals": {…}, "events": {…}, "customers": {…}, "customerEvents": {…} }）',
  mapUnknownColumn: '“{column}”不是 {table} 表的列（{columns}）',
  mapTwice: '有两列对应到 {table} 表的同一列 {column}',
  noHeader: '{file} 是空文件：第一行应为列名',
  missingColumns: '{file} 缺少列 {columns}，可用 --map 把你的列名对应过来',
  duplicateColumn: '{file}：表头中列 {column} 出现了两次',
  unclosedQuote: '{file}:{line}：从这一行开始的带引号字段没有结束引号',
  settingsHasDeals: '{file} 中含有 opportunities；指定 --deals 时商机只从商机表读取',
  customersTwice: '客户数据给了两次：{file} 中和 --customers',
  rowFieldCount: '该行有 {actual} 个字段，表头有 {expected} 个',
  rowTextAfterQuote: '字段的结束引号后还有内容',
  rowNotJson: '该行不是有效的 JSON：{reason}',
  rowNotObject: '该行应为一个 JSON 对象',
  rowNoOwner: '缺少该事件所属记录的 ID',
  progress: '正在读取 {file}：已读 {rows} 行，拒绝 {rejected} 条，用时 {seconds} 秒',
};

/** A key of the CLI message catalog. */
export type CliMessageKey = keyof typeof en;

/**
 * Renders a CLI message in `locale`, its placeholders filled by the library's one
 * template renderer (`renderTemplate`).
 *
 * @param locale - `'en'` or `'zh-CN'`.
 * @param key - The message key.
 * @param params - Placeholder values.
 * @returns The message.
 *
 * @category CLI
 * @example
 * ```ts
 * cliMessage('en', 'unknownOption', { option: '--foo' }); //=> 'unknown option --foo'
 * ```
 */
export function cliMessage(locale: Locale, key: CliMessageKey, params: IssueParams = {}): string {
  const template = (locale === 'zh-CN' ? zhCN : en)[key];
  return renderTemplate(template, params, locale);
}
