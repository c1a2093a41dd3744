using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SoKet.Bot.Export;

/// <summary>Small factories for the WordprocessingML elements the Party document is made of.</summary>
internal static class WordElements
{
    [Flags]
    public enum Look
    {
        None = 0,
        Bold = 1,
        Italic = 2,
        Underline = 4,
    }

    public static Paragraph Paragraph(string styleId, string text, Look look = Look.None, int? size = null, JustificationValues? align = null) =>
        Paragraph(styleId, align, Run(text, look, size));

    public static Paragraph Paragraph(string styleId, JustificationValues? align, params Run[] runs)
    {
        var properties = new ParagraphProperties(new ParagraphStyleId { Val = styleId });
        if (align is { } a)
            properties.Append(new Justification { Val = a });
        var paragraph = new Paragraph(properties);
        foreach (var run in runs)
            paragraph.Append(run);
        return paragraph;
    }

    public static Run Run(string text, Look look = Look.None, int? size = null)
    {
        var run = new Run();
        if (look != Look.None || size is not null)
        {
            // Child order follows CT_RPr: b, i, …, sz, szCs, u.
            var properties = new RunProperties();
            if (look.HasFlag(Look.Bold)) properties.Append(new Bold());
            if (look.HasFlag(Look.Italic)) properties.Append(new Italic());
            if (size is { } s)
            {
                var halfPoints = (s * 2).ToString(CultureInfo.InvariantCulture);
                properties.Append(new FontSize { Val = halfPoints }, new FontSizeComplexScript { Val = halfPoints });
            }
            if (look.HasFlag(Look.Underline)) properties.Append(new Underline { Val = UnderlineValues.Single });
            run.Append(properties);
        }
        run.Append(new DocumentFormat.OpenXml.Wordprocessing.Text(CleanText(text)) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    /// <summary>Blank lines inside a table cell (the space for a signature and seal).</summary>
    public static Paragraph Blank(string styleId) => new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }));

    public static TableCell Cell(int widthTwips, params OpenXmlElement[] content) => Cell(widthTwips, 1, content);

    public static TableCell Cell(int widthTwips, int gridSpan, params OpenXmlElement[] content)
    {
        var properties = new TableCellProperties(
            new TableCellWidth { Width = widthTwips.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (gridSpan > 1)
            properties.Append(new GridSpan { Val = gridSpan });
        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        var cell = new TableCell(properties);
        cell.Append(content.Length > 0 ? content : [Blank(PartyStyles.TableText)]);
        return cell;
    }

    public static TableGrid Grid(IReadOnlyList<int> widths)
    {
        var grid = new TableGrid();
        foreach (var w in widths)
            grid.Append(new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) });
        return grid;
    }

    public static TableProperties TableProperties(bool borders)
    {
        var properties = new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableLayout { Type = TableLayoutValues.Fixed });
        properties.InsertBefore(Borders(borders ? BorderValues.Single : BorderValues.Nil), properties.GetFirstChild<TableLayout>());
        properties.Append(new TableCellMarginDefault(
            new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
            new TableCellLeftMargin { Width = (short)(borders ? 70 : 0), Type = TableWidthValues.Dxa },
            new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
            new TableCellRightMargin { Width = (short)(borders ? 70 : 0), Type = TableWidthValues.Dxa }));
        return properties;
    }

    private static TableBorders Borders(BorderValues value)
    {
        uint size = value == BorderValues.Single ? 4u : 0u;
        return new TableBorders(
            new TopBorder { Val = value, Size = size, Space = 0, Color = "auto" },
            new LeftBorder { Val = value, Size = size, Space = 0, Color = "auto" },
            new BottomBorder { Val = value, Size = size, Space = 0, Color = "auto" },
            new RightBorder { Val = value, Size = size, Space = 0, Color = "auto" },
            new InsideHorizontalBorder { Val = value, Size = size, Space = 0, Color = "auto" },
            new InsideVerticalBorder { Val = value, Size = size, Space = 0, Color = "auto" });
    }

    /// <summary>Splits a text typed with line breaks into its non-blank lines (the text itself when it is one line).</summary>
    public static IEnumerable<string> Lines(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            yield break;
        if (!text.Contains('\n') && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]))
        {
            yield return text;
            yield break;
        }
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
                yield return trimmed;
        }
    }

    /// <summary>
    /// NFC (so "ệ" typed as e + two combining marks renders and searches as one letter) and without the
    /// characters XML 1.0 forbids (control characters, unpaired surrogates), which pasted text sometimes
    /// carries. Allocates only when something changes.
    /// </summary>
    public static string CleanText(string text)
    {
        if (FirstInvalid(text) >= 0)
        {
            var chars = text.ToCharArray();
            for (var i = FirstInvalid(text); i < chars.Length; i++)
            {
                if (IsInvalidAt(text, i))
                    chars[i] = ' ';
                else if (char.IsHighSurrogate(chars[i]))
                    i++;
            }
            text = new string(chars);
        }
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsInvalidAt(text, i))
                return i;
            if (char.IsHighSurrogate(text[i]))
                i++;
        }
        return -1;
    }

    private static bool IsInvalidAt(string text, int i)
    {
        var c = text[i];
        if (c < 0x20)
            return c is not ('\t' or '\n' or '\r');
        if (c is '\uFFFE' or '\uFFFF' || char.IsLowSurrogate(c))
            return true;
        return char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]));
    }
}
