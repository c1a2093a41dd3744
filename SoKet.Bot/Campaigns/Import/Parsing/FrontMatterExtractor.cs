using System.Globalization;
using System.Text.RegularExpressions;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Import.Parsing;

/// <summary>The facts in a plan's letterhead, title and preamble.</summary>
internal sealed record FrontMatter(
    DocumentNumber? Number,
    TextFact? DocumentType,
    TextFact? Organisation,
    TextFact? ParentOrganisation,
    TextFact? Place,
    DateFact? IssuedOn,
    TextFact? Title,
    TextFact? IssuingBody,
    RelatedDocument? BasedOn,
    CampaignKindFact Kind);

/// <summary>
/// Reads the letterhead (number "Số 125-KH/ThU", organisation in capitals, "TP. Lai Châu, ngày 21 tháng 3
/// năm 2023"), the title under the document type, and the preamble ("Thực hiện Kế hoạch số 152-KH/TU ...,
/// Ban Thường vụ Thành ủy ban hành Kế hoạch ... như sau:"). Document numbers quoted in the preamble belong
/// to other documents and are never taken for the plan's own.
/// </summary>
internal static partial class FrontMatterExtractor
{
    public static FrontMatter Extract(PlanLayout layout, CasingRecovery casing)
    {
        var candidates = layout.Header.Concat(layout.TitleLines).ToList();
        var number = FindNumber(candidates);
        var (place, issuedOn) = FindPlaceAndDate(layout.FrontMatter, casing);
        var (organisation, parent) = FindOrganisations(layout.Header, casing);
        var title = FindTitle(layout, casing);
        var issuingBody = FindIssuingBody(layout, organisation, casing);
        var basedOn = FindBasedOn(layout.Preamble);
        var kind = CampaignKindClassifier.Classify(title, layout.Preamble);
        var type = layout.DocumentType is { } t ? new TextFact(t, t) : null;
        return new FrontMatter(number, type, organisation, parent, place, issuedOn, title, issuingBody, basedOn, kind);
    }

    /// <summary>"Số 125-KH/ThU", "Số: 150 - KH/TU" → the code without spaces.</summary>
    public static DocumentNumber? ParseNumber(string line)
    {
        var m = NumberLine().Match(line);
        if (!m.Success)
        {
            return null;
        }

        var symbol = Whitespace().Replace(m.Groups["sym"].Value, string.Empty);
        var number = m.Groups["num"].Value;
        return new DocumentNumber($"{number}-{symbol}", number, symbol, line.Trim());
    }

    /// <summary>A code anywhere in text ("Kế hoạch số 152-KH/TU"), spaces removed.</summary>
    public static string? FindCode(string text)
    {
        var m = Code().Match(text);
        return m.Success ? Whitespace().Replace(m.Value, string.Empty).Replace('–', '-') : null;
    }

    private static DocumentNumber? FindNumber(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (ParseNumber(line) is { } number)
            {
                return number;
            }
        }

        return null;
    }

    /// <summary>
    /// The first short line reading "[place][,] ngày ... tháng ... năm ..." however it is punctuated (see
    /// <see cref="IssueDateLine"/>). When a table cell or a tab split the place from the date, the place is the
    /// line just before, ending with a comma. A day left blank gives the month only, marked unsure.
    /// </summary>
    private static (TextFact? Place, DateFact? Date) FindPlaceAndDate(IReadOnlyList<string> lines, CasingRecovery casing)
    {
        for (var i = 0; i < Math.Min(lines.Count, 40); i++)
        {
            var line = lines[i].Trim();
            if (IssueDateLine.Parse(line) is not { } found)
            {
                continue;
            }

            var source = line;
            var placeText = found.Place;
            if (placeText is null && i > 0 && IssueDateLine.PlaceOnly(lines[i - 1]) is { } before)
            {
                placeText = before;
                source = lines[i - 1].Trim() + " " + line;
            }

            var place = placeText is null ? null : new TextFact(casing.RecoverKeepingPunctuation(placeText), source);
            var date = new DateFact(found.Date, found.Precision, found.DateText, source);
            if (found.Precision != DatePrecision.Day)
            {
                date = date with
                {
                    Unsure = new Unsure(
                        $"Dòng địa danh, ngày tháng để trống ngày (bản chưa ký?); SoKet chỉ đọc được tháng {found.Date.Month.ToString(CultureInfo.InvariantCulture)}/{found.Date.Year.ToString(CultureInfo.InvariantCulture)} và tạm lấy ngày cuối tháng.",
                        source),
                };
            }

            return (place, date);
        }

        return (null, null);
    }

    /// <summary>The capitalised letterhead lines, the national or Party motto excluded: the last is the issuing organisation.</summary>
    private static (TextFact? Organisation, TextFact? Parent) FindOrganisations(IReadOnlyList<string> header, CasingRecovery casing)
    {
        var names = header
            .Where(l => VietnameseText.IsUpperCase(l) && l.Length is > 3 and < 100)
            .Where(l => !MottoLine().IsMatch(VietnameseText.Fold(l)) && !NumberingLabel.IsSeparator(l) && ParseNumber(l) is null)
            .ToList();
        if (names.Count == 0)
        {
            return (null, null);
        }

        var organisation = new TextFact(casing.Recover(names[^1]), names[^1]);
        var parent = names.Count > 1 ? new TextFact(casing.Recover(names[^2]), names[^2]) : null;
        return (organisation, parent);
    }

    /// <summary>The lines under the document type, joined; a line typed in capitals takes the plan's own casing.</summary>
    private static TextFact? FindTitle(PlanLayout layout, CasingRecovery casing)
    {
        if (layout.TitleLines.Count == 0)
        {
            return null;
        }

        var joined = VietnameseText.CollapseSpaces(string.Join(' ', layout.TitleLines.Select(casing.Recover))).TrimEnd(',', '.', ';', ' ');
        var source = layout.DocumentType is null ? string.Join('\n', layout.TitleLines) : layout.DocumentType + "\n" + string.Join('\n', layout.TitleLines);
        return new TextFact(VietnameseText.CapitalizeFirst(joined), source);
    }

    /// <summary>
    /// The subject of the preamble's main clause ("..., Ban Thường vụ Thành ủy ban hành Kế hoạch ...");
    /// failing that, the signature block ("T/M BAN THƯỜNG VỤ") with the letterhead organisation, or that
    /// organisation alone.
    /// </summary>
    private static TextFact? FindIssuingBody(PlanLayout layout, TextFact? organisation, CasingRecovery casing)
    {
        foreach (var line in layout.Preamble)
        {
            foreach (var sentence in SentenceSplitter.Sentences(line))
            {
                var folded = VietnameseText.FoldPreservingLength(sentence);
                var m = IssuingClause().Match(folded);
                if (m.Success)
                {
                    var body = m.Groups["body"];
                    return new TextFact(sentence.Substring(body.Index, body.Length).Trim(), sentence);
                }
            }
        }

        var signature = layout.Closing.Select(l => l.Trim()).FirstOrDefault(l => SignatureLine().IsMatch(VietnameseText.FoldPreservingLength(l)));
        if (signature is not null && organisation is not null)
        {
            var m = SignatureLine().Match(VietnameseText.FoldPreservingLength(signature));
            var who = casing.Recover(signature[m.Groups["who"].Index..].Trim());
            return new TextFact($"{who} {organisation.Value}", signature);
        }

        // Without a preamble or signature the letterhead organisation is the issuer.
        return organisation;
    }

    /// <summary>"Thực hiện Kế hoạch số 152-KH/TU, ngày 27/02/2023 của Ban Thường vụ Tỉnh ủy Lai Châu về ...".</summary>
    private static RelatedDocument? FindBasedOn(IReadOnlyList<string> preamble)
    {
        foreach (var line in preamble)
        {
            foreach (var sentence in SentenceSplitter.Sentences(line))
            {
                var folded = VietnameseText.FoldPreservingLength(sentence);
                var m = BasedOnClause().Match(folded);
                if (!m.Success)
                {
                    continue;
                }

                var code = FindCode(sentence.Substring(m.Groups["code"].Index, m.Groups["code"].Length))!;
                var afterCode = sentence[(m.Groups["code"].Index + m.Groups["code"].Length)..];
                var date = VietnameseDateParser.FindAll(afterCode).FirstOrDefault(d => d.Start < 12);
                string? issuer = null;
                var of = IssuerAfterCode().Match(VietnameseText.FoldPreservingLength(afterCode));
                if (of.Success)
                {
                    issuer = afterCode.Substring(of.Groups["issuer"].Index, of.Groups["issuer"].Length).Trim();
                }

                return new RelatedDocument(code, date?.Date, issuer, sentence);
            }
        }

        return null;
    }

    // "Số", "SỐ", "số", and typed without diacritics "So", "SO", "so".
    [GeneratedRegex(@"^[Ss][ỐốOo]\s*:?\s*(?<num>\d{1,5})\s*[-–]\s*(?<sym>[\p{Lu}Đ]{1,6}\s*/\s*[\p{L}\d]+(?:\s*[-/]\s*[\p{L}\d]+)*)")]
    private static partial Regex NumberLine();

    [GeneratedRegex(@"\d{1,5}\s*[-–]\s*[\p{Lu}Đ]{1,6}\s*/\s*[\p{L}\d]+(?:[-/][\p{L}\d]+)*")]
    private static partial Regex Code();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(dang cong san viet nam|cong hoa xa hoi chu nghia viet nam|doc lap\b|ke hoach|huong dan)")]
    private static partial Regex MottoLine();

    [GeneratedRegex(@"(?:^|[;,.:]\s*)(?<body>(?:ban thuong vu|ban chap hanh|thuong truc|dang uy|ban can su|dang doan|chi uy|chi bo|thanh uy|tinh uy|huyen uy|quan uy|thi uy|ban chi dao)[^;,.:]{0,60}?)\s+(?:ban hanh|xay dung|thong nhat|huong dan|de ra|trien khai|chi dao|lap)\b")]
    private static partial Regex IssuingClause();

    [GeneratedRegex(@"^(?:t/m|tm\.|t\.m|kt\.)\s*(?<who>.+)$")]
    private static partial Regex SignatureLine();

    [GeneratedRegex(@"^(?:thuc hien|can cu|trien khai|theo)\s+(?:ke hoach|nghi quyet|chi thi|huong dan|ket luan|quy dinh|cong van|thong bao)\s+so\s+(?<code>\d{1,5}\s*[-–]\s*[a-z]{1,6}\s*/\s*[a-z0-9]+(?:[-/][a-z0-9]+)*)")]
    private static partial Regex BasedOnClause();

    [GeneratedRegex(@"\bcua\s+(?<issuer>.+?)(?=\s+ve\b|\s*[,;.(]|$)")]
    private static partial Regex IssuerAfterCode();
}
