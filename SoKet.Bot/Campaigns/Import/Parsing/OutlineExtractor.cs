using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// The report outline: an attached "ĐỀ CƯƠNG BÁO CÁO" when the plan has one; otherwise the items of
/// its content guidance (mục "Nội dung"). Bulleted points under a numbered heading are that heading's
/// guidance, not sections, except at the top of content guidance written only as bullets (Lai Châu).
/// The indicator appendix a note announces and the rule for chi bộ without a chi ủy are added to it.
/// Items that organise the review rather than say what the report covers ("Về nội dung: ... theo Đề cương
/// hướng dẫn số ...", "Về phương pháp", "Về thời gian") are never sections: a plan made only of them refers
/// the units to an outline the file does not hold, and the reference outline is offered instead.
/// </summary>
internal static partial class OutlineExtractor
{
    public static PlanOutline Extract(PlanLayout layout)
    {
        var referencesAttachment = ReferencesAttachedOutline(layout.Body);
        var outline = FromAttachment(layout) ?? FromEmbeddedOutline(layout.Body) ?? FromContentGuidance(layout.Body) ?? PlanOutline.Empty;
        outline = outline with
        {
            AttachedOutlineMissing = referencesAttachment is not null && outline.Origin != OutlineOrigin.AttachedOutline,
            OutlineReference = referencesAttachment,
            Source = outline.Source ?? referencesAttachment,
        };

        if (outline.Sections.Count > 0)
        {
            outline = AddIndicatorAppendix(outline, layout);
            outline = AttachConditions(outline, layout.Body);
        }

        return outline;
    }

    /// <summary>Parses outline text on its own (the reference outline is stored as such text).</summary>
    public static PlanOutline Parse(string title, IEnumerable<string> lines, OutlineOrigin origin, string? appendixNote)
    {
        var tree = StructureBuilder.Build(lines);
        var outline = new PlanOutline
        {
            Origin = origin,
            Title = JoinTitle(title, tree.Lines),
            Sections = Sections(tree.Children, topLevelBullets: false, parentId: null, level: 1, parentEvaluative: false),
            Source = title,
        };
        return appendixNote is null ? outline : WithAppendix(outline, appendixNote);
    }

    private static PlanOutline? FromAttachment(PlanLayout layout)
    {
        var attachment = layout.Attachments.Select(a => a.Outline).FirstOrDefault(a => a is not null);
        if (attachment is null)
        {
            return null;
        }

        var outline = Parse(attachment.Heading, attachment.Lines, OutlineOrigin.AttachedOutline, null);
        return outline.Sections.Count > 0 ? outline : null;
    }

    /// <summary>An outline written as a numbered item of the body ("III. ĐỀ CƯƠNG BÁO CÁO") with sub-items.</summary>
    private static PlanOutline? FromEmbeddedOutline(StructureNode body)
    {
        var node = body.Descendants().FirstOrDefault(n => n.Children.Count > 0 && VietnameseText.Fold(n.Text).StartsWith("de cuong", StringComparison.Ordinal));
        if (node is null)
        {
            return null;
        }

        return new PlanOutline
        {
            Origin = OutlineOrigin.AttachedOutline,
            Title = JoinTitle(node.Text, node.Lines),
            Sections = Sections(node.Children, topLevelBullets: false, parentId: null, level: 1, parentEvaluative: false),
            Source = node.FullLine,
        };
    }

    private static PlanOutline? FromContentGuidance(StructureNode body)
    {
        var content = ContentNode(body);
        if (content is null)
        {
            return null;
        }

        var items = content.Children.Where(IsReportContent).ToList();
        var sections = Sections(items, topLevelBullets: true, parentId: null, level: 1, parentEvaluative: false);
        return sections.Count == 0
            ? null
            : new PlanOutline { Origin = OutlineOrigin.ContentGuidance, Sections = sections, Source = content.FullLine };
    }

    /// <summary>"II. NỘI DUNG, HÌNH THỨC VÀ THỜI GIAN" → its "1. Nội dung sơ kết" when it has one.</summary>
    private static StructureNode? ContentNode(StructureNode body)
    {
        var section = body.Children.FirstOrDefault(n => ContentHeading().IsMatch(VietnameseText.Fold(n.Text)));
        if (section is null)
        {
            return null;
        }

        var inner = section.Children.FirstOrDefault(n => InnerContentHeading().IsMatch(VietnameseText.Fold(n.Text)) && n.Children.Count > 0);
        return inner ?? section;
    }

    /// <summary>Items about timing, form or notes are instructions to the units, not parts of their report.</summary>
    private static bool IsReportContent(StructureNode item)
    {
        var folded = VietnameseText.Fold(item.Text);
        return item.Text.Length > 0 && !item.Text.StartsWith('(') && !NotReportContent().IsMatch(folded) &&
               !SectionClassifier.AnnouncesIndicatorAppendix(item.Text);
    }

    private static List<OutlineSection> Sections(IEnumerable<StructureNode> nodes, bool topLevelBullets, string? parentId, int level, bool parentEvaluative)
    {
        var sections = new List<OutlineSection>();
        foreach (var node in nodes.Where(n => topLevelBullets || !n.IsBullet))
        {
            var id = parentId is null
                ? (sections.Count + 1).ToString(CultureInfo.InvariantCulture)
                : $"{parentId}.{(sections.Count + 1).ToString(CultureInfo.InvariantCulture)}";
            sections.Add(Section(node, id, level, parentEvaluative));
        }

        return sections;
    }

    private static OutlineSection Section(StructureNode node, string id, int level, bool parentEvaluative)
    {
        var (heading, inlineGuidance) = HeadingText.FromGuidanceItem(node.Text);
        var guidance = new List<string>();
        if (inlineGuidance is not null)
        {
            guidance.Add(inlineGuidance);
        }

        guidance.AddRange(node.Lines);
        foreach (var bullet in node.Children.Where(c => c.IsBullet))
        {
            guidance.Add(bullet.FullLine);
            guidance.AddRange(bullet.Descendants().Select(d => d.FullLine).Concat(bullet.Lines));
        }

        var evaluative = parentEvaluative || SectionClassifier.IsEvaluative(heading);
        return new OutlineSection
        {
            Id = id,
            NumberLabel = node.Label?.Label ?? string.Empty,
            Level = level,
            Heading = heading,
            Guidance = guidance.Count > 0 ? string.Join('\n', guidance) : null,
            Kind = SectionClassifier.Kind(heading),
            IsEvaluative = evaluative,
            Source = node.FullLine,
            Children = Sections(node.Children, topLevelBullets: false, id, level + 1, evaluative),
        };
    }

    /// <summary>
    /// "(Theo đề cương báo cáo gửi kèm)", "(Có đề cương gửi kèm theo)", "theo Đề cương hướng dẫn số ...": the
    /// sentence, when the plan says the report follows an outline.
    /// </summary>
    private static string? ReferencesAttachedOutline(StructureNode body) =>
        body.AllParagraphs().SelectMany(SentenceSplitter.Sentences)
            .FirstOrDefault(s => AttachedOutlineReference().IsMatch(VietnameseText.Fold(s)));

    private static PlanOutline AddIndicatorAppendix(PlanOutline outline, PlanLayout layout)
    {
        if (outline.AllSections().Any(s => s.Kind == SectionKind.IndicatorTable))
        {
            return outline;
        }

        var content = ContentNode(layout.Body) ?? layout.Body;
        var note = content.AllParagraphs().SelectMany(SentenceSplitter.Sentences).FirstOrDefault(SectionClassifier.AnnouncesIndicatorAppendix);
        if (note is not null)
        {
            return WithAppendix(outline, note);
        }

        var attached = layout.Attachments.FirstOrDefault(a => !a.IsOutline && a.Lines.Prepend(a.Heading).Any(SectionClassifier.AnnouncesIndicatorAppendix));
        return attached is null ? outline : WithAttachedAppendix(outline, attached);
    }

    /// <summary>A "PHỤ LỤC" attached after the outline with an indicator table ("Biểu chỉ tiêu").</summary>
    private static PlanOutline WithAttachedAppendix(PlanOutline outline, PlanAttachment attachment)
    {
        var subtitle = attachment.Lines.FirstOrDefault();
        var section = new OutlineSection
        {
            Id = (outline.Sections.Count + 1).ToString(CultureInfo.InvariantCulture),
            NumberLabel = "", // the heading says "Phụ lục" itself
            Level = 1,
            Heading = subtitle is null ? "Phụ lục" : "Phụ lục: " + subtitle,
            Guidance = string.Join('\n', attachment.Lines.Take(3)),
            Kind = SectionKind.IndicatorTable,
            IsInferred = true,
            Source = attachment.Heading,
        };
        return outline with { Sections = [.. outline.Sections, section] };
    }

    /// <summary>
    /// "Có phụ lục so sánh kết quả ..." → "Phụ lục so sánh kết quả ..."; "Lập biểu ... – Phụ lục" →
    /// "Phụ lục: Lập biểu ...". Added last, at the top level, marked as inferred.
    /// </summary>
    private static PlanOutline WithAppendix(PlanOutline outline, string note)
    {
        note = BulletPrefix().Replace(note, string.Empty);
        var folded = VietnameseText.FoldPreservingLength(note);
        var at = AppendixWord().Match(folded);
        var tail = at.Success ? note[at.Index..].Trim().TrimEnd('.', ')', ' ') : string.Empty;
        string heading;
        if (tail.Length > 20)
        {
            heading = VietnameseText.CapitalizeFirst(tail);
        }
        else
        {
            var body = note.Split(['(', '–', '—'], 2)[0].Trim().TrimEnd('-', ',', '.', ' ');
            heading = "Phụ lục: " + body;
        }

        var section = new OutlineSection
        {
            Id = (outline.Sections.Count + 1).ToString(CultureInfo.InvariantCulture),
            NumberLabel = "", // the heading says "Phụ lục" itself
            Level = 1,
            Heading = heading,
            Guidance = note,
            Kind = SectionKind.IndicatorTable,
            IsInferred = true,
            Source = note,
        };
        return outline with { Sections = [.. outline.Sections, section] };
    }

    /// <summary>"Đối với các chi bộ không có Chi uỷ thì ... thành một mục tại Phần II trong Báo cáo sơ kết."</summary>
    private static PlanOutline AttachConditions(PlanOutline outline, StructureNode body)
    {
        var sentence = body.AllParagraphs().SelectMany(SentenceSplitter.Sentences)
            .FirstOrDefault(s => WithoutCommittee().IsMatch(VietnameseText.Fold(s)));
        var target = outline.AllSections().FirstOrDefault(s => s.Kind == SectionKind.LeadershipSelfReview);
        if (sentence is null || target is null)
        {
            return outline;
        }

        var condition = ReadCondition(sentence);
        return outline with { Sections = Replace(outline.Sections, target.Id, s => s with { Condition = condition }) };
    }

    public static SectionCondition ReadCondition(string sentence)
    {
        var folded = VietnameseText.FoldPreservingLength(sentence);
        var who = WithoutCommittee().Match(folded);
        var appliesTo = sentence.Substring(who.Index, who.Length).Trim();
        var then = Then().Match(folded, who.Index + who.Length);
        var instruction = (then.Success ? sentence[(then.Index + then.Length)..] : sentence).Trim().TrimEnd('.');
        // Folded, so "Phan II" typed without diacritics is read too; a roman numeral counts in capitals only
        // ("phần việc" folds to "phan viec").
        var part = TargetPart().Matches(folded).FirstOrDefault(m => !m.Groups["roman"].Success || VietnameseText.IsUpperCase(sentence.Substring(m.Groups["roman"].Index, m.Groups["roman"].Length)));
        return new SectionCondition(ConditionKind.UnitWithoutCommittee, appliesTo, instruction, part is null ? null : sentence.Substring(part.Index, part.Length), sentence);
    }

    private static IReadOnlyList<OutlineSection> Replace(IReadOnlyList<OutlineSection> sections, string id, Func<OutlineSection, OutlineSection> change) =>
        sections.Select(s => s.Id == id ? change(s) : s with { Children = Replace(s.Children, id, change) }).ToList();

    private static string JoinTitle(string heading, IEnumerable<string> subtitle) =>
        VietnameseText.CollapseSpaces(string.Join(' ', subtitle.Prepend(heading)));

    [GeneratedRegex(@"^(ve )?noi dung\b")]
    private static partial Regex InnerContentHeading();

    [GeneratedRegex(@"\bnoi dung\b")]
    private static partial Regex ContentHeading();

    // The plan's own organisation: what the review covers in general ("Nội dung", "Nội dung sơ kết: ..."), how
    // ("Phương pháp", "Cách thức tiến hành", "Hình thức"), when, for whom, and other instructions.
    [GeneratedRegex(@"^(ve )?(thoi diem|thoi gian|moc thoi gian|hinh thuc|luu y|chu y|doi tuong|yeu cau|bo cuc|tien do|so lieu|noi dung|phuong phap|cach thuc|cach lam|tien hanh|to chuc thuc hien|phan cong|kinh phi|che do bao cao)\b", RegexOptions.NonBacktracking)]
    private static partial Regex NotReportContent();

    // "Theo đề cương báo cáo gửi kèm", "Có đề cương gửi kèm theo", "theo Đề cương hướng dẫn số 12-HD/BTCTW", "theo
    // mẫu đề cương đính kèm", "đề cương sẽ gửi sau": the report follows an outline, in this file or elsewhere.
    [GeneratedRegex(@"\b(theo|co|kem theo|gui kem)\s+(mau\s+)?de cuong\b|\bde cuong\b.*\b(gui kem|kem theo|dinh kem|gui sau|ban hanh kem)\b", RegexOptions.NonBacktracking)]
    private static partial Regex AttachedOutlineReference();

    [GeneratedRegex(@"\b(phu luc|phu bieu)\b")]
    private static partial Regex AppendixWord();

    [GeneratedRegex(@"^[-–—+•*]\s*")]
    private static partial Regex BulletPrefix();

    [GeneratedRegex(@"(cac )?chi bo (khong co|chua co|khong thanh lap|chua thanh lap) chi uy")]
    private static partial Regex WithoutCommittee();

    [GeneratedRegex(@"\bthi\s+")]
    private static partial Regex Then();

    [GeneratedRegex(@"\bphan\s+(?:thu\s+\p{L}+|(?<roman>[ivx]+)(?!\p{L})|\d+)")]
    private static partial Regex TargetPart();
}
