using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>A deadline as found, before groups are merged and ids given.</summary>
internal sealed record FoundDeadline(
    DueKind Due,
    DeadlineTiming Timing,
    DateMention? Date,
    int? OffsetDays,
    GroupReference? Group,
    string What,
    string? Recipient,
    string? Via,
    string? Location,
    string Source)
{
    /// <summary>Why the date is not as written: a year supplied, a month or quarter, a count of days from another date.</summary>
    public Unsure? DateUnsure { get; init; }

    /// <summary>What is due was read from a heading above the sentence.</summary>
    public Unsure? DueUnsure { get; init; }
}

/// <summary>
/// Walks the plan body sentence by sentence, clause by clause. A date is a deadline when words in front
/// of it bound something ("trước ngày", "chậm nhất vào ngày", "trong tháng") or when its clause states
/// an obligation (a conference, sending a report) and the date is not that of a cited document
/// ("Quy định số 55-QĐ/TW ngày 19-12-2016"). Cut-offs ("đến ngày") and starts ("từ ngày") are not deadlines.
/// Deadlines tied to the conference rather than a date ("Sau khi tổ chức hội nghị sơ kết, gửi về ...") and
/// the draft sent for comments are kept too, without a date; a deadline counted from another date of the
/// plan ("sau 10 ngày kể từ hạn nộp báo cáo ...") is dated from it and marked unsure. A task table (unit,
/// task, date columns) is read row by row.
/// </summary>
internal static partial class DeadlineExtractor
{
    public static IReadOnlyList<FoundDeadline> Extract(StructureNode body, DateContext dates, CasingRecovery? casing)
    {
        var reader = new Reader(dates, casing);
        foreach (var node in body.Descendants().Prepend(body))
        {
            reader.ReadNode(node);
        }

        return reader.Found;
    }

    /// <summary>
    /// How far back a task or group is looked for: the clauses of a sentence, the sentences of an item. Real plans
    /// refer one or two back; the bound keeps a crafted paragraph of ten thousand clauses linear.
    /// </summary>
    private const int LookBack = 8;

    /// <summary>Context read around a date on each side: the words that bound it or cite a document are close to it.</summary>
    private const int Window = 400;

    /// <summary>
    /// A plan has a few dozen deadlines; the confirmation card lists each with an input. Past this many the file is
    /// not a plan read right (or is crafted), and reading stops; <see cref="ImportWarnings"/> says so.
    /// </summary>
    public const int MaxDeadlines = 200;

    /// <summary>
    /// A deadline's sentence and clause are kept whole up to these lengths (real ones are a few hundred characters);
    /// a longer one is cut, so a crafted sentence carrying many dates is not copied into every deadline.
    /// </summary>
    private const int MaxSourceLength = 2000;

    private const int MaxWhatLength = 1000;

    private sealed class Reader(DateContext dates, CasingRecovery? casing)
    {
        private readonly Dictionary<string, int> lastReportByGroupKey = new(StringComparer.Ordinal);
        private int lastDated = -1;
        private int lastReport = -1;

        public List<FoundDeadline> Found { get; } = [];

        private int? LastYear { get; set; }

        public void ReadNode(StructureNode node)
        {
            if (Found.Count >= MaxDeadlines)
            {
                return;
            }

            // The item's label goes in front of its first sentence only, so the source reads as the plan does.
            var first = true;
            var earlier = new List<string>();
            PlanTable? table = null;
            GroupReference? rowGroup = null;
            foreach (var paragraph in node.Paragraphs)
            {
                if (paragraph.Contains('\t', StringComparison.Ordinal))
                {
                    if (PlanTable.TryHeader(paragraph) is { } header)
                    {
                        (table, rowGroup) = (header, null);
                        continue;
                    }

                    if (table is not null)
                    {
                        rowGroup = ReadRow(node, table, table.Row(paragraph), rowGroup);
                        continue;
                    }
                }

                table = null;
                foreach (var sentence in SentenceSplitter.Sentences(paragraph.Replace('\t', ' ')))
                {
                    if (Found.Count >= MaxDeadlines)
                    {
                        return;
                    }

                    var source = Capped(first && node.Label is { } label ? $"{label.Label} {sentence}" : sentence, MaxSourceLength);
                    first = false;
                    ReadSentence(node, sentence, source, earlier);
                    earlier.Add(sentence);
                }
            }
        }

        private void ReadSentence(StructureNode node, string sentence, string source, IReadOnlyList<string> earlierSentences)
        {
            var clauses = SentenceSplitter.Clauses(sentence);
            for (var c = 0; c < clauses.Count && Found.Count < MaxDeadlines; c++)
            {
                var clause = clauses[c];
                var mentions = VietnameseDateParser.FindAll(clause, dates.DefaultYear(LastYear));
                var previousEnd = 0;
                var any = false;
                for (var k = 0; k < mentions.Count && Found.Count < MaxDeadlines; k++)
                {
                    var found = mentions[k];
                    var segment = clause[previousEnd..found.End];
                    previousEnd = found.End;
                    if (!IsDeadline(found, clause, segment))
                    {
                        continue;
                    }

                    any = true;
                    var (mention, dateUnsure) = dates.Settle(found, source, LastYear);

                    // "Chậm nhất ngày 25 tháng 6, gửi báo cáo ...": the task may follow its date, up to the next date.
                    var tailEnd = Math.Min(k + 1 < mentions.Count ? mentions[k + 1].Start : clause.Length, found.End + Window);
                    var context = clause[Math.Max(0, found.End - Window)..found.End] + " " + clause[found.End..tailEnd];
                    var (dues, what, dueUnsure) = DuesFor(node, clauses, c, segment, context, earlierSentences);
                    foreach (var group in Groups(node, clauses, c, segment))
                    {
                        foreach (var due in dues)
                        {
                            Add(Create(due, DeadlineTiming.OnDate, mention, null, group, what, node, source) with { DateUnsure = dateUnsure, DueUnsure = dueUnsure });
                        }
                    }
                }

                if (!any)
                {
                    ReadUndated(node, clauses, c, source, earlierSentences);
                }
            }
        }

        private void ReadUndated(StructureNode node, IReadOnlyList<string> clauses, int c, string source, IReadOnlyList<string> earlierSentences)
        {
            var clause = clauses[c];
            if (DueClassifier.IsAfterConference(clause, out var days))
            {
                foreach (var group in Groups(node, clauses, c, clause))
                {
                    Add(Create(DueKind.Report, DeadlineTiming.AfterConference, null, days, group, Tidy(clause), node, source));
                }

                return;
            }

            if (RelativeDeadline.Find(clause) is { } relative)
            {
                ReadRelative(node, clauses, c, source, relative, earlierSentences);
                return;
            }

            if (DueClassifier.Classify(clause) is [DueKind.DraftForComment])
            {
                foreach (var group in Groups(node, clauses, c, clause))
                {
                    Add(Create(DueKind.DraftForComment, DeadlineTiming.BeforeConference, null, null, group, Tidy(clause), node, source));
                }
            }
        }

        /// <summary>"... sau 10 ngày kể từ hạn nộp báo cáo của các chi, đảng bộ cơ sở": dated from that deadline, unsure.</summary>
        private void ReadRelative(StructureNode node, IReadOnlyList<string> clauses, int c, string source, RelativeDeadline.Found relative, IReadOnlyList<string> earlierSentences)
        {
            var clause = clauses[c];

            // The task is stated before the count ("Văn phòng ... tổng hợp ... sau 10 ngày kể từ ...") or after it
            // ("Trong vòng 15 ngày kể từ ngày ban hành Kế hoạch này, các chi bộ gửi báo cáo ..."); the words of the
            // count itself ("hạn gửi báo cáo") name the other deadline, not this one's task.
            var before = clause[..relative.Start];
            var after = clause[relative.End..].TrimStart(' ', ',');
            var task = DueClassifier.Classify(before).Count > 0 || after.Length == 0 ? before : after;
            var (dues, what, dueUnsure) = DuesFor(node, clauses, c, task, task, earlierSentences);
            if (dues is [DueKind.Other] && !DueClassifier.HasObligation(clause))
            {
                return;
            }

            var timing = DeadlineTiming.OnDate;
            DateMention? date = null;
            Unsure? unsure = null;
            var kind = relative.WorkingDays ? " ngày làm việc (không tính thứ Bảy, Chủ nhật; chưa trừ ngày nghỉ lễ)" : " ngày";
            var count = relative.Days.ToString(CultureInfo.InvariantCulture) + kind;
            switch (relative.Anchor)
            {
                case RelativeAnchor.Conference:
                    timing = DeadlineTiming.AfterConference;
                    break;
                case RelativeAnchor.Issue when dates.IssuedOn is { } issued:
                    date = Dated(RelativeDeadline.Add(issued, relative.Days, relative.WorkingDays));
                    unsure = new Unsure($"Kế hoạch ghi «{relative.Phrase}»; SoKet tính từ ngày ban hành kế hoạch ({DateContext.Day(issued)}) cộng {count}.", source);
                    break;
                case RelativeAnchor.Date when VietnameseDateParser.FindAll(relative.AnchorText).FirstOrDefault() is { } from:
                    date = Dated(RelativeDeadline.Add(from.Date, relative.Days, relative.WorkingDays));
                    unsure = new Unsure($"Kế hoạch ghi «{relative.Phrase}»; SoKet tính từ ngày {DateContext.Day(from.Date)} cộng {count}.", source);
                    break;
                case RelativeAnchor.OtherDeadline when AnchorDeadline(relative) is { } at:
                    var anchor = Found[at];
                    var id = "D" + (at + 1).ToString(CultureInfo.InvariantCulture);
                    date = Dated(RelativeDeadline.Add(anchor.Date!.Date, relative.Days, relative.WorkingDays));
                    unsure = new Unsure($"Kế hoạch ghi «{relative.Phrase}»; SoKet tính từ thời hạn {id} ({DateContext.Day(anchor.Date.Date)}) cộng {count}.", source);
                    break;
            }

            // An event the plan does not date (or no issue date to count from): the deadline is kept without a
            // date and the card asks for one; nothing is guessed.
            foreach (var group in Groups(node, clauses, c, task))
            {
                foreach (var due in dues)
                {
                    Add(Create(due, timing, date, relative.Days, group, what, node, source) with { DateUnsure = unsure, DueUnsure = dueUnsure });
                }
            }

            DateMention Dated(DateOnly day) =>
                new(day, DatePrecision.Day, DateQualifier.NoLaterThan, relative.Start, relative.Phrase.Length, relative.Phrase);
        }

        /// <summary>
        /// The deadline a relative one counts from: the units' report deadline it names ("hạn nộp báo cáo của các
        /// chi, đảng bộ cơ sở"), else the last dated report deadline, else ("thời hạn nêu trên") the last dated one.
        /// </summary>
        private int? AnchorDeadline(RelativeDeadline.Found relative)
        {
            if (relative.Owner is { } owner && lastReportByGroupKey.TryGetValue(UnitPhrases.GroupKey(owner), out var named))
            {
                return named;
            }

            var index = VietnameseText.Fold(relative.AnchorText).Contains("bao cao", StringComparison.Ordinal) && lastReport >= 0 ? lastReport : lastDated;
            return index >= 0 ? index : null;
        }

        /// <summary>
        /// A task table's row: the unit cell is the group (an empty one continues the row above, as a merged cell
        /// does, and is marked unsure), the task cell says what is due (else the date column's header, "Thời hạn
        /// gửi báo cáo"), the date cell when. Returns the group for the next row.
        /// </summary>
        private GroupReference? ReadRow(StructureNode node, PlanTable table, IReadOnlyList<string> cells, GroupReference? previous)
        {
            var source = Capped(string.Join(" | ", cells.Where(c => c.Length > 0)), MaxSourceLength);
            var groupCell = PlanTable.Cell(cells, table.GroupColumn);
            var task = PlanTable.Cell(cells, table.TaskColumn);
            var when = PlanTable.Cell(cells, table.DateColumn);
            GroupReference? group = null;
            if (groupCell.Length > 0)
            {
                group = new GroupReference(VietnameseText.CapitalizeFirst(groupCell), groupCell, []);
            }
            else if (table.GroupColumn >= 0 && previous is not null)
            {
                group = previous with
                {
                    Unsure = new Unsure($"Ô «{table.Header[table.GroupColumn]}» của dòng này để trống (ô gộp); SoKet lấy đơn vị của dòng trên: «{previous.Name}».", source),
                };
            }
            else if (table.GroupColumn < 0 && task.Length > 0)
            {
                group = GroupResolver.Resolve(node, [task], 0, task, casing).FirstOrDefault();
            }

            var dues = DueClassifier.Classify(task);
            if (dues.Count == 0)
            {
                dues = DueClassifier.Classify(table.DateHeader);
            }

            if (dues.Count == 0)
            {
                dues = [DueKind.Other];
            }

            var what = task.Length > 0 ? task : table.DateHeader;
            var mention = VietnameseDateParser.FindAll(when, dates.DefaultYear(LastYear)).FirstOrDefault(m => m.Qualifier is not (DateQualifier.From or DateQualifier.Until));
            if (mention is not null)
            {
                var (settled, unsure) = dates.Settle(mention, source, LastYear);
                foreach (var due in dues)
                {
                    Add(Create(due, DeadlineTiming.OnDate, settled, null, group, what, node, source) with { DateUnsure = unsure });
                }
            }
            else if (RelativeDeadline.Find(when) is { } relative && relative.Anchor == RelativeAnchor.Conference)
            {
                foreach (var due in dues)
                {
                    Add(Create(due, DeadlineTiming.AfterConference, null, relative.Days, group, what, node, source));
                }
            }

            return group is null ? previous : group with { Unsure = null };
        }

        private void Add(FoundDeadline deadline)
        {
            if (Found.Count >= MaxDeadlines)
            {
                return;
            }

            Found.Add(deadline);
            if (deadline.Date is null || deadline.Timing != DeadlineTiming.OnDate)
            {
                return;
            }

            var index = Found.Count - 1;
            lastDated = index;
            LastYear = deadline.Date.Date.Year;
            if (deadline.Due != DueKind.Report)
            {
                return;
            }

            lastReport = index;
            if (deadline.Group is { } group)
            {
                foreach (var name in group.Aliases.Append(group.Name).Append(group.AsWritten))
                {
                    lastReportByGroupKey[UnitPhrases.GroupKey(name)] = index;
                }
            }
        }

        private IEnumerable<GroupReference?> Groups(StructureNode node, IReadOnlyList<string> clauses, int c, string segment)
        {
            var groups = GroupResolver.Resolve(node, clauses, c, segment, casing);
            return groups.Count > 0 ? groups.Cast<GroupReference?>() : new GroupReference?[] { null };
        }

        /// <summary>
        /// What is due, from the words before the date; failing that, from the clause or the earlier clauses
        /// of the sentence ("Tổ chức Hội nghị sơ kết ...; hoàn thành trước ngày 30/7/2023"). A bare "Hoàn thành
        /// trước ..." completes the task named in the item's earlier sentences, or else in the heading above
        /// ("Thời gian hoàn thành: ..." under "2.2. Thành ủy: Tổ chức Hội nghị sơ kết ..."), the latter unsure.
        /// </summary>
        private static (IReadOnlyList<DueKind> Dues, string What, Unsure? Unsure) DuesFor(
            StructureNode node, IReadOnlyList<string> clauses, int c, string segment, string clauseUpToDate, IReadOnlyList<string> earlierSentences)
        {
            var own = DueClassifier.Classify(segment);
            if (own.Count == 0)
            {
                own = DueClassifier.Classify(clauseUpToDate);
            }

            if (own.Count > 0)
            {
                return (own, Tidy(clauses[c]), null);
            }

            for (var j = c - 1; j >= Math.Max(0, c - LookBack); j--)
            {
                var earlier = DueClassifier.Classify(clauses[j]);
                if (earlier.Count > 0)
                {
                    return (earlier, Tidy(clauses[j]) + "; " + Tidy(clauses[c]), null);
                }
            }

            if (DueClassifier.IsBareCompletion(clauseUpToDate))
            {
                for (var j = earlierSentences.Count - 1; j >= Math.Max(0, earlierSentences.Count - LookBack); j--)
                {
                    var previous = DueClassifier.Classify(earlierSentences[j]);
                    if (previous.Count > 0)
                    {
                        return (previous, Tidy(earlierSentences[j]) + "; " + Tidy(clauses[c]), null);
                    }
                }

                foreach (var heading in node.Ancestors().Where(a => !a.IsRoot))
                {
                    var above = heading.ItemDues ??= DueClassifier.Classify(heading.Text);
                    if (above.Count > 0)
                    {
                        var label = string.Join(", ", above.Select(DueLabel));
                        return (above, Tidy(clauses[c]), new Unsure(
                            $"Câu nêu thời hạn chỉ ghi «hoàn thành», không ghi việc gì; SoKet hiểu là «{label}» theo đề mục «{heading.FullLine}».", heading.FullLine));
                    }
                }
            }

            return ([DueKind.Other], Tidy(clauses[c]), null);
        }

        private static string DueLabel(DueKind due) => due switch
        {
            DueKind.Report => "gửi báo cáo",
            DueKind.Conference => "tổ chức hội nghị sơ kết",
            DueKind.Compilation => "tổng hợp báo cáo",
            DueKind.DraftForComment => "gửi dự thảo xin ý kiến",
            _ => "việc khác",
        };

        private bool IsDeadline(DateMention mention, string clause, string segment)
        {
            if (dates.IssueYear is { } year && mention.Date.Year < year && !mention.YearInferred)
            {
                return false;
            }

            return mention.Qualifier switch
            {
                DateQualifier.Before or DateQualifier.NoLaterThan or DateQualifier.Within => true,
                DateQualifier.Until or DateQualifier.From => false,
                _ => DueClassifier.HasObligation(segment) && !IsCitedDocumentDate(clause, mention),
            };
        }
    }

    private static FoundDeadline Create(DueKind due, DeadlineTiming timing, DateMention? date, int? offset, GroupReference? group, string what, StructureNode node, string source)
    {
        what = Capped(what, MaxWhatLength);
        var (recipient, via) = due is DueKind.Report or DueKind.Compilation or DueKind.DraftForComment
            ? DueClassifier.Destination(what)
            : (null, null);
        return new FoundDeadline(due, timing, date, offset, group, what, recipient, via, node.Location(), Capped(source, MaxSourceLength));
    }

    private static string Capped(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd() + "…";

    /// <summary>"Chỉ thị số 03-CT/TU ngày 15-11-2015 của ...": the date identifies a document.</summary>
    private static bool IsCitedDocumentDate(string clause, DateMention mention)
    {
        // A code and "ngày" just before, "của"/"về việc" just after: a short window either side is enough.
        var before = VietnameseText.FoldPreservingLength(clause[Math.Max(0, mention.Start - 80)..mention.Start]);
        var after = VietnameseText.FoldPreservingLength(clause[mention.End..Math.Min(clause.Length, mention.End + 40)]);
        return CodeJustBefore().IsMatch(before) || OfJustAfter().IsMatch(after);
    }

    /// <summary>The clause without a leading unit label or connective, for display (cut first: it is shown, not parsed).</summary>
    private static string Tidy(string clause) =>
        UnitPhrases.AfterLeadingLabel(clause.Length > 2 * MaxWhatLength ? clause[..(2 * MaxWhatLength)] : clause).Trim().TrimEnd('.', ';');

    [GeneratedRegex(@"\d+\s*-\s*[a-z]+\s*/\s*[a-z0-9-]+\s*,?\s*(ngay)?\s*$")]
    private static partial Regex CodeJustBefore();

    [GeneratedRegex(@"^\s*,?\s*(cua|ve viec)\b")]
    private static partial Regex OfJustAfter();
}
