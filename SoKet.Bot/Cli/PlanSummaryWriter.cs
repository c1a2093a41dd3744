using System.Globalization;
using System.Text;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Campaigns;

namespace SoKet.Bot.Cli;

/// <summary>The human-readable form of a <see cref="PlanExtraction"/> printed by `import-plan PATH`.</summary>
internal static class PlanSummaryWriter
{
    private const string NotFound = "(không tìm thấy)";

    public static string Write(PlanExtraction plan, PlanText source)
    {
        var text = new StringBuilder();
        Line(text, "Tệp", $"{source.FileName} ({Format(source.Format)})");
        Line(text, "Số, ký hiệu", plan.Number?.Code);
        Line(text, "Loại văn bản", plan.DocumentType?.Value);
        Line(text, "Cơ quan ban hành", plan.IssuingBody?.Value);
        Line(text, "Cấp ủy", plan.Organisation is null ? null
            : plan.ParentOrganisation is null ? plan.Organisation.Value : $"{plan.Organisation.Value} ({plan.ParentOrganisation.Value})");
        Line(text, "Nơi, ngày ban hành", string.Join(", ", new[] { plan.Place?.Value, Date(plan.IssuedOn) }.Where(v => v is not null)) is { Length: > 0 } issued ? issued : null);
        Check(text, "  ", null, plan.Place?.Unsure);
        Check(text, "  ", null, plan.IssuedOn?.Unsure);
        Line(text, "Trích yếu", plan.Title?.Value);
        Line(text, "Loại đợt", Kind(plan.Kind));
        if (plan.BasedOn is { } basedOn)
            Line(text, "Căn cứ", $"Văn bản số {basedOn.Code}{(basedOn.Date is { } d ? $" ngày {Day(d)}" : "")}{(basedOn.Issuer is { } by ? $" của {by}" : "")}");
        Line(text, "Thời điểm đánh giá", Period(plan.EvaluationPeriod));
        Line(text, "Số liệu tính đến", plan.DataCutOff is null ? "(kế hoạch không nêu)" : Date(plan.DataCutOff));
        Line(text, "Báo cáo gửi về", plan.ReportsTo is null ? null : Recipient(plan.ReportsTo.Recipient, plan.ReportsTo.Via));

        text.Append(CultureInfo.InvariantCulture, $"\nNhóm đơn vị (đối tượng): {plan.UnitGroups.Count}\n");
        foreach (var group in plan.UnitGroups)
        {
            text.Append("  - ").Append(group.Name);
            if (group.IsIssuer)
                text.Append(" (cơ quan ban hành)");
            if (group.Aliases.Count > 0)
                text.Append("; còn gọi: ").Append(string.Join("; ", group.Aliases));
            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"\nThời hạn: {plan.Deadlines.Count}\n");
        foreach (var deadline in plan.Deadlines)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {deadline.Id}. [{deadline.UnitGroup}] {Due(deadline.Due)}: {When(deadline)}\n");
            text.Append("      Nội dung: ").Append(deadline.What).Append('\n');
            if (deadline.Recipient is not null)
                text.Append("      Gửi: ").Append(Recipient(deadline.Recipient, deadline.Via)).Append('\n');
            Check(text, "      ", "Đối tượng", deadline.UnitGroupUnsure);
            Check(text, "      ", "Việc phải làm", deadline.DueUnsure);
            Check(text, "      ", "Thời hạn", deadline.Date?.Unsure);
        }

        WriteOutline(text, plan);

        if (plan.Warnings.Count > 0)
        {
            text.Append("\nLưu ý:\n");
            foreach (var warning in plan.Warnings)
                text.Append("  - ").Append(warning).Append('\n');
        }

        text.Append("\nChưa tạo đợt sơ kết nào: lệnh import-plan chỉ đọc kế hoạch và in kết quả.\n");
        return text.ToString();
    }

    private static void WriteOutline(StringBuilder text, PlanExtraction plan)
    {
        var outline = plan.Outline;
        var count = outline.AllSections().Count();
        text.Append(CultureInfo.InvariantCulture, $"\nĐề cương báo cáo ({Origin(outline.Origin)}): {count} mục\n");
        if (outline.Title is not null)
            text.Append("  ").Append(outline.Title).Append('\n');
        foreach (var section in outline.AllSections())
        {
            text.Append(' ', 2 * section.Level).Append(SectionTitles.Compose(section.NumberLabel, section.Heading));
            if (section.Condition is { } condition)
                text.Append(CultureInfo.InvariantCulture, $" [với {condition.AppliesTo}: {condition.Instruction}]");
            text.Append('\n');
        }
        if (plan.OfferReferenceOutline)
        {
            text.Append(!outline.AttachedOutlineMissing ? "  Kế hoạch không có đề cương; "
                : ImportWarnings.MentionsAttachment(outline.OutlineReference) ? "  Kế hoạch nêu đề cương gửi kèm nhưng tệp không có đề cương; "
                : "  Kế hoạch yêu cầu báo cáo theo đề cương không có trong tệp; ");
            text.Append("khi tạo đợt sơ kết, SoKet đề xuất dùng đề cương tham khảo (")
                .Append(ReferenceOutline.Origin).Append(").\n");
        }
    }

    /// <summary>A fact the importer inferred: what to check, why, and the sentence it rests on.</summary>
    private static void Check(StringBuilder text, string indent, string? field, Unsure? unsure)
    {
        if (unsure is null)
            return;
        text.Append(indent).Append("Cần kiểm tra").Append(field is null ? "" : $" ({field.ToLowerInvariant()})").Append(": ").Append(unsure.Reason)
            .Append(" Trích: «").Append(unsure.Source).Append("»\n");
    }

    private static void Line(StringBuilder text, string label, string? value) =>
        text.Append(label).Append(": ").Append(string.IsNullOrWhiteSpace(value) ? NotFound : value).Append('\n');

    private static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string? Date(DateFact? date) =>
        date is null ? null : date.Precision == DatePrecision.Day ? Day(date.Date) : $"{Day(date.Date)} (văn bản ghi “{date.Text}”)";

    private static string Recipient(string recipient, string? via) => via is null ? recipient : $"{recipient} (qua {via})";

    private static string? Period(EvaluationPeriod? period)
    {
        if (period is null)
            return null;
        var parts = new List<string>();
        if (period.StartText is not null)
            parts.Add($"từ {period.StartText}");
        if (period.End is not null)
            parts.Add($"đến {Date(period.End)}");
        if (period.FullYearEstimateYear is { } year)
            parts.Add($"dự ước thực hiện cả năm {year.ToString(CultureInfo.InvariantCulture)}");
        return parts.Count == 0 ? period.Source : string.Join("; ", parts);
    }

    private static string When(Deadline deadline)
    {
        if (deadline.Date is { } date)
        {
            var day = Date(date);
            return deadline.Qualifier switch
            {
                DateQualifier.Before => $"trước ngày {day}",
                DateQualifier.NoLaterThan => $"chậm nhất ngày {day}",
                DateQualifier.Within => $"hạn cuối {day}",
                DateQualifier.On => $"ngày {day}",
                DateQualifier.Until => $"đến ngày {day}",
                DateQualifier.From => $"từ ngày {day}",
                _ => day!,
            };
        }
        return deadline.Timing switch
        {
            DeadlineTiming.AfterConference when deadline.OffsetDays is { } days =>
                $"chậm nhất {days.ToString(CultureInfo.InvariantCulture)} ngày sau hội nghị sơ kết",
            DeadlineTiming.AfterConference => "sau hội nghị sơ kết",
            DeadlineTiming.BeforeConference => "trước hội nghị sơ kết (kế hoạch không nêu ngày)",
            _ when deadline.OffsetDays is { } days =>
                $"{days.ToString(CultureInfo.InvariantCulture)} ngày tính từ một mốc kế hoạch không ghi ngày (cần nhập ngày)",
            _ => "(kế hoạch không nêu ngày)",
        };
    }

    private static string Due(DueKind due) => due switch
    {
        DueKind.Report => "Gửi báo cáo",
        DueKind.Conference => "Tổ chức hội nghị sơ kết",
        DueKind.Compilation => "Tổng hợp báo cáo",
        DueKind.DraftForComment => "Gửi dự thảo xin ý kiến",
        _ => "Việc khác",
    };

    private static string Kind(CampaignKindFact kind) => kind.Value switch
    {
        CampaignKind.MidTermCongressReview => "Sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội",
        CampaignKind.ThematicResolutionReview => kind.ReviewedDocument is null
            ? "Sơ kết, tổng kết nghị quyết, chỉ thị chuyên đề"
            : $"Sơ kết, tổng kết {kind.ReviewedDocument}",
        _ => "Khác",
    };

    private static string Origin(OutlineOrigin origin) => origin switch
    {
        OutlineOrigin.AttachedOutline => "đề cương gửi kèm kế hoạch",
        OutlineOrigin.ContentGuidance => "dựng từ phần nội dung của kế hoạch",
        OutlineOrigin.Reference => "đề cương tham khảo của SoKet",
        _ => "không có",
    };

    private static string Format(PlanFileFormat format) => format switch
    {
        PlanFileFormat.Docx => "Word .docx",
        PlanFileFormat.Markdown => "Markdown",
        _ => "văn bản thuần",
    };
}
