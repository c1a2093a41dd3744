using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SoKet.Bot.Export;

/// <summary>
/// The style sheet of a Party document: Times New Roman 14 pt throughout (Hướng dẫn 36-HD/VPTW, Phụ lục 3),
/// body paragraphs justified with a 1 cm first-line indent and 6 pt between paragraphs. Paragraphs refer
/// to these styles by id, which keeps a thousand-unit consolidated report small.
/// </summary>
internal static class PartyStyles
{
    public const string FontName = "Times New Roman";

    public const string Body = "Body";
    public const string Letterhead = "Letterhead";
    public const string UnitHeading = "UnitHeading";
    public const string AppendixHeading = "AppendixHeading";
    public const string Suggestion = "Suggestion";
    public const string Note = "Note";
    public const string TableText = "TableText";
    public const string TableCaption = "TableCaption";
    public const string Recipient = "Recipient";
    public const string PageNumber = "PageNumber";
    public const int HeadingLevels = 5;

    /// <summary>Half-points, as w:sz counts.</summary>
    public const int BodySize = 28;

    /// <summary>1 cm, the first-line indent of body paragraphs (36-HD allows 1–1.27 cm).</summary>
    public const int FirstLineIndent = 567;

    public static string Heading(int level) => "Heading" + Math.Clamp(level, 1, HeadingLevels);

    public static Styles Create()
    {
        var styles = new Styles(DocDefaults(),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
            {
                Type = StyleValues.Paragraph, StyleId = "Normal", Default = true,
            });

        styles.Append(ParagraphStyle(Body, "Body Text", Spacing(before: 120, line: 276), Indent(), Align(JustificationValues.Both)));
        styles.Append(ParagraphStyle(Letterhead, "Letterhead", Spacing(0, 240), Align(JustificationValues.Center)));
        styles.Append(HeadingStyle(1, bold: true, italic: false, Align(JustificationValues.Center)));
        styles.Append(HeadingStyle(2, bold: true, italic: false, Indent(), Align(JustificationValues.Both)));
        styles.Append(HeadingStyle(3, bold: true, italic: false, Indent(), Align(JustificationValues.Both)));
        styles.Append(HeadingStyle(4, bold: true, italic: true, Indent(), Align(JustificationValues.Both)));
        styles.Append(HeadingStyle(5, bold: false, italic: true, Indent(), Align(JustificationValues.Both)));
        styles.Append(ParagraphStyle(UnitHeading, "Unit Heading", new KeepNext(), Spacing(120, 276), Indent(), Align(JustificationValues.Both)).WithRun(new Bold(), new Italic(), new Underline { Val = UnderlineValues.Single }));
        styles.Append(ParagraphStyle(AppendixHeading, "Appendix Heading", new KeepNext(), new PageBreakBefore(), Spacing(240, 276), Align(JustificationValues.Center), new OutlineLevel { Val = 0 }).WithRun(new Bold()));
        styles.Append(ParagraphStyle(Suggestion, "Suggestion",
            new ParagraphBorders(new LeftBorder { Val = BorderValues.Single, Size = 12, Space = 6, Color = "808080" }),
            Spacing(120, 276), Indent(), Align(JustificationValues.Both)).WithRun(new Italic()));
        styles.Append(ParagraphStyle(Note, "Note", Spacing(60, 240), Indent(), Align(JustificationValues.Both)).WithRun(new Italic(), new FontSize { Val = "26" }, new FontSizeComplexScript { Val = "26" }));
        styles.Append(ParagraphStyle(TableText, "Table Text", Spacing(40, 240, after: 40)).WithRun(new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" }));
        styles.Append(ParagraphStyle(TableCaption, "Table Caption", new KeepNext(), Spacing(180, 240, after: 80), Align(JustificationValues.Center)).WithRun(new Bold()));
        styles.Append(ParagraphStyle(Recipient, "Recipient", Spacing(0, 240)).WithRun(new FontSize { Val = "24" }, new FontSizeComplexScript { Val = "24" }));
        styles.Append(ParagraphStyle(PageNumber, "Page Number", Spacing(0, 240), Align(JustificationValues.Center)));
        return styles;
    }

    private static DocDefaults DocDefaults() => new(
        new RunPropertiesDefault(new RunPropertiesBaseStyle(
            new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName },
            new FontSize { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new FontSizeComplexScript { Val = BodySize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new Languages { Val = "vi-VN", EastAsia = "vi-VN", Bidi = "ar-SA" })),
        new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
            new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto })));

    private static Style HeadingStyle(int level, bool bold, bool italic, params OpenXmlElement[] paragraphProperties)
    {
        var pPr = new List<OpenXmlElement> { new KeepNext(), Spacing(120, 276) };
        pPr.AddRange(paragraphProperties);
        pPr.Add(new OutlineLevel { Val = level - 1 });
        var style = ParagraphStyle(Heading(level), "heading " + level, [.. pPr]);
        var run = new List<OpenXmlElement>();
        if (bold) run.Add(new Bold());
        if (italic) run.Add(new Italic());
        return style.WithRun([.. run]);
    }

    private static Style ParagraphStyle(string id, string name, params OpenXmlElement[] paragraphProperties) =>
        new(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(paragraphProperties))
        {
            Type = StyleValues.Paragraph, StyleId = id, CustomStyle = !name.StartsWith("heading", StringComparison.Ordinal),
        };

    private static Style WithRun(this Style style, params OpenXmlElement[] runProperties)
    {
        style.Append(new StyleRunProperties(runProperties));
        return style;
    }

    private static SpacingBetweenLines Spacing(int before, int line, int after = 0) => new()
    {
        Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture),
        After = after.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Line = line.ToString(System.Globalization.CultureInfo.InvariantCulture),
        LineRule = LineSpacingRuleValues.Auto,
    };

    private static Indentation Indent() => new() { FirstLine = FirstLineIndent.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static Justification Align(JustificationValues value) => new() { Val = value };
}
