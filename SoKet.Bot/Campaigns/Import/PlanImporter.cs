using System.Globalization;
using SoKet.Bot.Campaigns.Import.Parsing;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>
/// Reads a plan's text (as produced by <see cref="PlanTextReader"/>, or any string: it is normalised
/// again) into a <see cref="PlanExtraction"/>. Pure: no I/O, no clock, the same text always gives the
/// same result. Nothing is decided for the admin: what the importer cannot find is left null and named
/// in <see cref="PlanExtraction.Warnings"/>.
/// </summary>
public static class PlanImporter
{
    public const string UnknownGroup = "(chưa xác định)";

    public static PlanExtraction Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = PlanTextNormalizer.Normalize(text);
        var layout = PlanLayout.Parse(normalized);
        var casing = new CasingRecovery(normalized.Split('\n'));

        var front = FrontMatterExtractor.Extract(layout, casing);
        var (period, cutOff) = PeriodExtractor.Extract(layout.Body);
        var outline = OutlineExtractor.Extract(layout);

        var issuer = new IssuerMatcher(front.IssuingBody?.Value, front.Organisation?.Value);
        var catalog = new UnitGroupCatalog(issuer);
        catalog.AddDeclaredGroups(layout.Body);
        var dates = new DateContext(front.IssuedOn, front.Title);
        var deadlines = BuildDeadlines(DeadlineExtractor.Extract(layout.Body, dates, casing), catalog);

        var extraction = new PlanExtraction
        {
            Number = front.Number,
            DocumentType = front.DocumentType,
            IssuingBody = front.IssuingBody,
            Organisation = front.Organisation,
            ParentOrganisation = front.ParentOrganisation,
            Place = front.Place,
            IssuedOn = front.IssuedOn,
            Title = front.Title,
            Kind = front.Kind,
            BasedOn = front.BasedOn,
            EvaluationPeriod = period,
            DataCutOff = cutOff,
            ReportsTo = ReportsTo(deadlines),
            Deadlines = deadlines,
            UnitGroups = catalog.Build(deadlines),
            Outline = outline,
            OfferReferenceOutline = outline.Sections.Count == 0 || outline.AttachedOutlineMissing,
        };
        return extraction with { Warnings = ImportWarnings.For(extraction) };
    }

    private static List<Deadline> BuildDeadlines(IReadOnlyList<FoundDeadline> found, UnitGroupCatalog catalog)
    {
        var deadlines = new List<Deadline>(found.Count);
        foreach (var f in found)
        {
            var group = f.Group is null ? UnknownGroup : catalog.Add(f.Group.Name, f.Group.Aliases, f.Source);
            deadlines.Add(new Deadline
            {
                Id = "D" + (deadlines.Count + 1).ToString(CultureInfo.InvariantCulture),
                UnitGroup = group,
                UnitGroupAsWritten = f.Group?.AsWritten ?? UnknownGroup,
                UnitGroupUnsure = f.Group?.Unsure,
                IsIssuerTask = f.Group is not null && catalog.IsIssuerTask(group, f.Due),
                Due = f.Due,
                DueUnsure = f.DueUnsure,
                Timing = f.Timing,
                Date = f.Date is null ? null : DateFact.From(f.Date, f.Source) with { Unsure = f.DateUnsure },
                Qualifier = f.Date?.Qualifier ?? DateQualifier.None,
                OffsetDays = f.OffsetDays,
                Recipient = f.Recipient,
                Via = f.Via,
                What = f.What,
                Location = f.Location,
                Source = f.Source,
            });
        }

        return deadlines;
    }

    /// <summary>Where subordinates send reports: the first report deadline of a unit that is not the issuer.</summary>
    private static ReportDestination? ReportsTo(IEnumerable<Deadline> deadlines)
    {
        var first = deadlines.FirstOrDefault(d => d is { Due: DueKind.Report, IsIssuerTask: false, Recipient: not null });
        return first is null ? null : new ReportDestination(first.Recipient!, first.Via, first.Source);
    }
}
