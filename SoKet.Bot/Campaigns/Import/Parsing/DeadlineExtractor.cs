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
    string Source);

/// <summary>
/// Walks the plan body sentence by sentence, clause by clause. A date is a deadline when words in front
/// of it bound something ("trước ngày", "chậm nhất vào ngày", "trong tháng") or when its clause states
/// an obligation (a conference, sending a report) and the date is not that of a cited document
/// ("Quy định số 55-QĐ/TW ngày 19-12-2016"). Cut-offs ("đến ngày") and starts ("từ ngày") are not deadlines.
/// Deadlines tied to the conference rather than a date ("Sau khi tổ chức hội nghị sơ kết, gửi về ...") and
/// the draft sent for comments are kept too, without a date.
/// </summary>
internal static partial class DeadlineExtractor
{
    public static IReadOnlyList<FoundDeadline> Extract(StructureNode body, int? issueYear)
    {
        var found = new List<FoundDeadline>();
        foreach (var node in body.Descendants().Prepend(body))
        {
            // The item's label goes in front of its first sentence only, so the source reads as the plan does.
            var first = true;
            foreach (var paragraph in node.Paragraphs)
            {
                foreach (var sentence in SentenceSplitter.Sentences(paragraph))
                {
                    var source = first && node.Label is { } label ? $"{label.Label} {sentence}" : sentence;
                    first = false;
                    ReadSentence(node, sentence, source, issueYear, found);
                }
            }
        }

        return found;
    }

    private static void ReadSentence(StructureNode node, string sentence, string source, int? issueYear, List<FoundDeadline> found)
    {
        var clauses = SentenceSplitter.Clauses(sentence);
        for (var c = 0; c < clauses.Count; c++)
        {
            var clause = clauses[c];
            var mentions = VietnameseDateParser.FindAll(clause, issueYear);
            var previousEnd = 0;
            var any = false;
            foreach (var mention in mentions)
            {
                var segment = clause[previousEnd..mention.End];
                previousEnd = mention.End;
                if (!IsDeadline(mention, clause, segment, issueYear))
                {
                    continue;
                }

                any = true;
                var (dues, what) = DuesFor(clauses, c, segment, clause[..mention.End]);
                foreach (var group in Groups(node, clauses, c, segment))
                {
                    foreach (var due in dues)
                    {
                        found.Add(Create(due, DeadlineTiming.OnDate, mention, null, group, what, node, source));
                    }
                }
            }

            if (!any)
            {
                ReadUndated(node, clauses, c, source, found);
            }
        }
    }

    private static void ReadUndated(StructureNode node, IReadOnlyList<string> clauses, int c, string source, List<FoundDeadline> found)
    {
        var clause = clauses[c];
        DueKind due;
        DeadlineTiming timing;
        int? offset = null;
        if (DueClassifier.IsAfterConference(clause, out var days))
        {
            (due, timing, offset) = (DueKind.Report, DeadlineTiming.AfterConference, days);
        }
        else if (DueClassifier.Classify(clause) is [DueKind.DraftForComment])
        {
            (due, timing) = (DueKind.DraftForComment, DeadlineTiming.BeforeConference);
        }
        else
        {
            return;
        }

        foreach (var group in Groups(node, clauses, c, clause))
        {
            found.Add(Create(due, timing, null, offset, group, Tidy(clause), node, source));
        }
    }

    private static IEnumerable<GroupReference?> Groups(StructureNode node, IReadOnlyList<string> clauses, int c, string segment)
    {
        var groups = GroupResolver.Resolve(node, clauses, c, segment);
        return groups.Count > 0 ? groups.Cast<GroupReference?>() : new GroupReference?[] { null };
    }

    private static FoundDeadline Create(DueKind due, DeadlineTiming timing, DateMention? date, int? offset, GroupReference? group, string what, StructureNode node, string source)
    {
        var (recipient, via) = due is DueKind.Report or DueKind.Compilation or DueKind.DraftForComment
            ? DueClassifier.Destination(what)
            : (null, null);
        return new FoundDeadline(due, timing, date, offset, group, what, recipient, via, node.Location(), source);
    }

    /// <summary>
    /// What is due, from the words before the date; failing that, from the clause or the earlier clauses
    /// of the sentence ("Tổ chức Hội nghị sơ kết ...; hoàn thành trước ngày 30/7/2023").
    /// </summary>
    private static (IReadOnlyList<DueKind> Dues, string What) DuesFor(IReadOnlyList<string> clauses, int c, string segment, string clauseUpToDate)
    {
        var own = DueClassifier.Classify(segment);
        if (own.Count == 0)
        {
            own = DueClassifier.Classify(clauseUpToDate);
        }

        if (own.Count > 0)
        {
            return (own, Tidy(clauses[c]));
        }

        for (var j = c - 1; j >= 0; j--)
        {
            var earlier = DueClassifier.Classify(clauses[j]);
            if (earlier.Count > 0)
            {
                return (earlier, Tidy(clauses[j]) + "; " + Tidy(clauses[c]));
            }
        }

        return ([DueKind.Other], Tidy(clauses[c]));
    }

    private static bool IsDeadline(DateMention mention, string clause, string segment, int? issueYear)
    {
        if (issueYear is { } year && mention.Date.Year < year)
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

    /// <summary>"Chỉ thị số 03-CT/TU ngày 15-11-2015 của ...": the date identifies a document.</summary>
    private static bool IsCitedDocumentDate(string clause, DateMention mention)
    {
        var before = VietnameseText.FoldPreservingLength(clause[..mention.Start]);
        var after = VietnameseText.FoldPreservingLength(clause[mention.End..]);
        return CodeJustBefore().IsMatch(before) || OfJustAfter().IsMatch(after);
    }

    /// <summary>The clause without a leading unit label or connective, for display.</summary>
    private static string Tidy(string clause) => UnitPhrases.AfterLeadingLabel(clause).Trim().TrimEnd('.', ';');

    [GeneratedRegex(@"\d+\s*-\s*[a-z]+\s*/\s*[a-z0-9-]+\s*,?\s*(ngay)?\s*$")]
    private static partial Regex CodeJustBefore();

    [GeneratedRegex(@"^\s*,?\s*(cua|ve viec)\b")]
    private static partial Regex OfJustAfter();
}
