using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>
/// Reads who a sentence is about. Plans name the unit first and the action after
/// ("UBND thành phố đánh giá ...; gửi báo cáo về Thành ủy ..."), or put the unit in front of a colon
/// ("2.1. Cấp cơ sở: ..."). Matching runs on folded text, whose positions equal the original's.
/// </summary>
internal static partial class UnitPhrases
{
    /// <summary>
    /// "Cấp cơ sở: Cấp ủy, ..." → "Cấp cơ sở", when the words before the colon name units; "Đối với cấp cơ sở:
    /// ..." → "Cấp cơ sở" (the preposition that introduces a group is not part of its name).
    /// </summary>
    public static string? LeadingLabel(string text)
    {
        var colon = text.IndexOf(':', 0, Math.Min(text.Length, 101));
        if (colon <= 0)
        {
            return null;
        }

        // "Các chi bộ thực hiện như sau:" is a sentence introducing a list, not a label: its subject is read elsewhere.
        var label = text[..colon].Trim();
        if (FirstVerb(VietnameseText.FoldPreservingLength(label)) >= 0)
        {
            return null;
        }

        if (LooksLikeUnitGroup(label))
        {
            return label;
        }

        var unprefixed = WithoutGroupPreposition(label);
        return unprefixed is not null && LooksLikeUnitGroup(unprefixed) ? VietnameseText.CapitalizeFirst(unprefixed) : null;
    }

    /// <summary>
    /// A heading that names a group and nothing else, the tasks being on the lines below: "Đối với các chi bộ,
    /// đảng bộ cơ sở", "Ở cấp cơ sở", "Riêng các đảng bộ xã, phường", "CÁC CHI BỘ TRỰC THUỘC", with or without a
    /// closing colon or an explanation in brackets. Null when the heading holds a verb ("Các chi bộ thực hiện như
    /// sau:", whose subject is read elsewhere) or names a topic.
    /// </summary>
    public static string? HeadingGroup(string heading)
    {
        if (heading.Length > 240)
        {
            return null;
        }

        var text = heading.Trim().TrimEnd(':', '.').Trim();
        var bracket = text.IndexOf('(', StringComparison.Ordinal);
        if (bracket > 0 && text.EndsWith(')'))
        {
            text = text[..bracket].TrimEnd();
        }

        if (text.Length is 0 or > 160 || text.Contains(':', StringComparison.Ordinal) || text.Contains(';', StringComparison.Ordinal))
        {
            return null;
        }

        var name = WithoutGroupPreposition(text) ?? text;
        return LooksLikeUnitGroup(name) && FirstVerb(VietnameseText.FoldPreservingLength(name)) < 0 ? name : null;
    }

    /// <summary>
    /// The place a clause names for the work when it has no subject: "hoàn thành tổng kết ở các huyện, thành,
    /// thị ủy ... trong tháng 6/2023" → "các huyện, thành, thị ủy ...", "ở cấp tỉnh trong tháng 7/2023" → "cấp
    /// tỉnh". Words in brackets are an aside and are skipped.
    /// </summary>
    public static string? Locative(string clause)
    {
        // Bracket depth is carried from one "ở" to the next, and a place is looked for within a short span (a
        // group's name is at most 160 characters): a clause crowded with "ở" stays linear.
        var folded = VietnameseText.FoldPreservingLength(clause);
        var depth = 0;
        var counted = 0;
        foreach (Match at in LocativeWord().Matches(folded))
        {
            depth = BracketDepth(folded, counted, at.Index, depth);
            counted = at.Index;
            var start = at.Index + at.Length;
            if (depth > 0)
            {
                continue;
            }

            var span = Math.Min(folded.Length, start + 200) - start;
            var stop = LocativeEnd().Match(folded, start, span);
            var end = stop.Success ? stop.Index : start + span;
            var verb = FirstVerb(folded[start..end]);
            if (verb >= 0)
            {
                end = start + verb;
            }

            var place = clause[start..end].Trim().TrimEnd(',', '.').Trim();
            if (LooksLikeUnitGroup(place))
            {
                return place;
            }
        }

        return null;
    }

    /// <summary>The bracket depth at <paramref name="index"/>, given <paramref name="depth"/> at <paramref name="from"/>; never below zero.</summary>
    private static int BracketDepth(string text, int from, int index, int depth)
    {
        for (var i = from; i < index; i++)
        {
            depth += text[i] switch
            {
                '(' => 1,
                ')' => depth > 0 ? -1 : 0,
                _ => 0,
            };
        }

        return depth;
    }

    /// <summary>"Đối với X" → "X"; null when the text does not start with such a preposition.</summary>
    private static string? WithoutGroupPreposition(string text)
    {
        var m = GroupPreposition().Match(VietnameseText.FoldPreservingLength(text));
        return m.Success ? text[m.Length..].Trim() : null;
    }

    /// <summary>The text after a leading unit label ("Cấp cơ sở: Cấp ủy, ..." → "Cấp ủy, ...").</summary>
    public static string AfterLeadingLabel(string text)
    {
        var label = LeadingLabel(text);
        return label is null ? text : text[(text.IndexOf(':', 0, Math.Min(text.Length, 101)) + 1)..].Trim();
    }

    /// <summary>
    /// The unit that is the subject of a clause: the words before its first action verb
    /// ("Văn phòng Tỉnh ủy tổng hợp báo cáo ..." → "Văn phòng Tỉnh ủy"), or the owner in
    /// "Báo cáo của các cơ quan, đơn vị nêu trên gửi về ...". Null when the clause starts with the verb.
    /// </summary>
    public static string? Subject(string clause)
    {
        clause = StripConnectors(clause);
        var folded = VietnameseText.FoldPreservingLength(clause);

        var owner = ReportOwner().Match(folded);
        if (owner.Success)
        {
            var ownerText = clause.Substring(owner.Groups["owner"].Index, owner.Groups["owner"].Length).Trim(' ', ',');
            return LooksLikeUnitGroup(ownerText) ? ownerText : null;
        }

        var verb = FirstVerb(folded);
        if (verb <= 0)
        {
            return null;
        }

        var end = verb;
        var modal = TrailingModal().Match(folded[..verb].TrimEnd());
        if (modal.Success)
        {
            end = modal.Index;
        }

        var subject = clause[..end].Trim(' ', ',', ':');
        return subject.Length > 0 && subject.Length <= 160 && LooksLikeUnitGroup(subject) ? subject : null;
    }

    /// <summary>Position of the first action verb in a folded clause, -1 when there is none.</summary>
    public static int FirstVerb(string folded)
    {
        foreach (Match m in ActionVerb().Matches(folded))
        {
            if (!IsPartOfName(folded, m))
            {
                return m.Index;
            }
        }

        return -1;
    }

    /// <summary>The first action verb of a clause, folded ("tong hop"), or null.</summary>
    public static string? FirstVerbWord(string clause)
    {
        var folded = VietnameseText.FoldPreservingLength(StripConnectors(clause));
        foreach (Match m in ActionVerb().Matches(folded))
        {
            if (!IsPartOfName(folded, m))
            {
                return m.Value;
            }
        }

        return null;
    }

    /// <summary>Does the phrase name a unit or a kind of unit, rather than a topic ("Về nội dung")?</summary>
    public static bool LooksLikeUnitGroup(string phrase)
    {
        var folded = VietnameseText.Fold(phrase);
        return folded.Length is > 2 and <= 160 && UnitStart().IsMatch(folded) && !TopicStart().IsMatch(folded);
    }

    /// <summary>"các cơ quan, đơn vị nêu trên": a reference back to units named earlier.</summary>
    public static bool RefersToAbove(string phrase) => ReferenceToAbove().IsMatch(VietnameseText.Fold(phrase));

    /// <summary>"Tuy nhiên, gửi ..." → "gửi ...": connectives and time adverbials that precede the subject.</summary>
    public static string StripConnectors(string clause)
    {
        var folded = VietnameseText.FoldPreservingLength(clause);
        var m = LeadingConnector().Match(folded);
        return m.Success ? clause[m.Length..].TrimStart() : clause;
    }

    /// <summary>
    /// A key under which differently worded names of one group meet: "Các chi, đảng bộ cơ sở",
    /// "Các chi, đảng bộ trực thuộc Đảng ủy Khối" and "Các chi, đảng bộ cơ sở trực thuộc Đảng ủy Khối"
    /// all name the grassroots units of one plan. Articles, "trực thuộc ..." and a trailing "cơ sở" are
    /// dropped; "Cấp cơ sở" keeps its words since nothing else would remain.
    /// </summary>
    public static string GroupKey(string name)
    {
        var folded = VietnameseText.Fold(name);
        folded = Punctuation().Replace(folded, " ");
        folded = SubordinateTo().Replace(folded, string.Empty);
        var tokens = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => t is not ("cac" or "nhung")).ToList();
        if (tokens.Count > 2 && tokens[0] == "cap" && tokens[1] == "uy")
        {
            tokens.RemoveRange(0, 2);
        }

        if (tokens.Count > 2 && tokens[^2] == "co" && tokens[^1] == "so")
        {
            tokens.RemoveRange(tokens.Count - 2, 2);
        }

        return string.Join(' ', tokens);
    }

    /// <summary>"Ban Tổ chức", "Ban Chỉ đạo", "các tổ chức chính trị - xã hội": the verb's words inside a name.</summary>
    /// <remarks>Spans, not substrings: a clause full of "Ban Tổ chức ..." must not copy itself once per verb.</remarks>
    private static bool IsPartOfName(string folded, Match verb)
    {
        var before = folded.AsSpan(0, verb.Index).TrimEnd();
        var after = folded.AsSpan(verb.Index + verb.Length);
        if (before.EndsWith(" ban", StringComparison.Ordinal) || before.SequenceEqual("ban"))
        {
            return true;
        }

        return verb.Value == "to chuc" &&
               (before.EndsWith("cac", StringComparison.Ordinal) || before.EndsWith("nhung", StringComparison.Ordinal) ||
                before.EndsWith("co quan,", StringComparison.Ordinal) || OrganisationAfter().IsMatch(after));
    }

    [GeneratedRegex(@"\b(bao cao|gui|nop|to chuc|xay dung|chuan bi|danh gia|tong hop|can cu|chu tri|phoi hop|co trach nhiem|chi dao|thuc hien|hoan thanh|theo doi|huong dan|tham muu|trien khai|lanh dao|kiem diem|so ket|ban hanh|trinh|quan triet|don doc|tien hanh|phu trach|du hoi nghi|giup|xem xet|cung cap)\b")]
    private static partial Regex ActionVerb();

    [GeneratedRegex(@"^bao cao (ket qua )?cua (?<owner>.+?)\s+(gui|nop|phai|can|duoc)\b")]
    private static partial Regex ReportOwner();

    [GeneratedRegex(@"^\s*(chinh tri|dang\b|co so dang|doan the|xa hoi|thanh vien|cong doan)")]
    private static partial Regex OrganisationAfter();

    [GeneratedRegex(@"\s+(can|phai|se|duoc|chu dong|khan truong|tiep tuc|co trach nhiem)$")]
    private static partial Regex TrailingModal();

    [GeneratedRegex(@"^(cac |cap |ban |thuong truc|thuong vu|ubnd|hdnd|uy ban|dang uy|dang bo|dang doan|chi bo|chi uy|chi,|thanh uy|tinh uy|huyen uy|quan uy|thi uy|van phong|mat tran|mttq|doan |hoi |co quan|don vi|to chuc|cong doan|so |phong |truong |lanh dao|bi thu|nhung |moi |tung |toan )")]
    private static partial Regex UnitStart();

    [GeneratedRegex(@"^(ve |noi dung|hinh thuc|thoi gian|thoi diem|yeu cau|muc dich|bo cuc|doi tuong|hoi nghi|cac noi dung|cac chi tieu|cac muc tieu|cac nhiem vu|cac giai phap|cac nghi quyet|cac van ban|cac ket luan|cac chuong trinh|cac de an)")]
    private static partial Regex TopicStart();

    [GeneratedRegex(@"\b(neu tren|noi tren|tren day|ke tren|o tren)\b")]
    private static partial Regex ReferenceToAbove();

    // Time adverbials in front of the subject ("Trong vòng 15 ngày kể từ ngày ban hành Kế hoạch này, các chi bộ
    // gửi ...", "Chậm nhất ngày 25 tháng 6, gửi ...") are connectors too; bounded so a comma-free paragraph costs little.
    [GeneratedRegex(@"^(tuy nhien|dong thoi|sau do|ngoai ra|rieng|truoc het|tiep do|bay gio|sau khi [^,]+|truoc khi [^,]+|(trong vong|trong thoi han|cham nhat|muon nhat|truoc ngay|sau) [^,;]{1,100})\s*,\s*")]
    private static partial Regex LeadingConnector();

    [GeneratedRegex(@"^(doi voi|rieng|o|tai)\s+", RegexOptions.NonBacktracking)]
    private static partial Regex GroupPreposition();

    [GeneratedRegex(@"(^|\s)(o|tai)\s+", RegexOptions.NonBacktracking)]
    private static partial Regex LocativeWord();

    /// <summary>Where a place named after "ở" ends: a time, a deadline word, or punctuation.</summary>
    [GeneratedRegex(@"\s(trong|truoc|cham nhat|muon nhat|han|vao|xong|tu|den|de|nham)\s|[;(]", RegexOptions.NonBacktracking)]
    private static partial Regex LocativeEnd();

    [GeneratedRegex(@"[^\p{L}\p{N}\s]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\btruc thuoc\b.*$")]
    private static partial Regex SubordinateTo();
}
