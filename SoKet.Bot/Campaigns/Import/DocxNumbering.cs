using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SoKet.Bot.Campaigns.Import;

/// <summary>
/// Renders Word's automatic numbering (ECMA-376 Part 1, §17.9) as the text a reader sees: counters
/// per abstract numbering definition, deeper levels restarting when a shallower one advances, the level
/// text template ("%1.%2.") filled with each level's format. Covers the formats plans use (decimal,
/// roman, letters, bullets); anything else falls back to decimal.
/// </summary>
internal sealed class DocxNumbering
{
    /// <summary>
    /// Word's own ceiling for "Start at" (and the largest w:start it writes). A crafted w:start or w:startOverride
    /// near int.MaxValue would otherwise overflow the counter, and letter numbering repeats the letter value/26
    /// times: a label of millions of characters per paragraph. Counters are clamped to 0..this value.
    /// </summary>
    internal const int MaxNumberingValue = 32767;

    /// <summary>Word defines nine levels (w:ilvl 0-8); any other index names no level.</summary>
    private const int LevelCount = 9;

    /// <summary>
    /// A level text ("%1.%2.") longer than this is cut: real ones are a few characters, and each placeholder
    /// expands to a number, so this bounds the label whatever the file says.
    /// </summary>
    private const int MaxLevelTextLength = 32;

    /// <summary>Labels longer than this are not numbering a reader would recognise; cut so no line starts with a wall of text.</summary>
    internal const int MaxLabelLength = 40;

    /// <summary>Letter numbering beyond "ZZZ" (78) is written in digits: Word would repeat the letter value/26 times.</summary>
    private const int MaxLetterValue = 78;

    private readonly Dictionary<int, AbstractNum> abstractById = new();
    private readonly Dictionary<int, NumberingInstance> instanceById = new();
    private readonly Dictionary<string, Style> styleById = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int[]> countersByAbstract = new();
    private readonly HashSet<int> startedInstances = [];

    public DocxNumbering(MainDocumentPart part)
    {
        var numbering = part.NumberingDefinitionsPart?.Numbering;
        if (numbering is not null)
        {
            foreach (var abstractNum in numbering.Elements<AbstractNum>())
            {
                if (abstractNum.AbstractNumberId?.Value is { } id)
                {
                    abstractById[id] = abstractNum;
                }
            }

            foreach (var instance in numbering.Elements<NumberingInstance>())
            {
                if (instance.NumberID?.Value is { } id)
                {
                    instanceById[id] = instance;
                }
            }
        }

        var styles = part.StyleDefinitionsPart?.Styles;
        if (styles is not null)
        {
            foreach (var style in styles.Elements<Style>())
            {
                if (style.StyleId?.Value is { } id)
                {
                    styleById[id] = style;
                }
            }
        }
    }

    /// <summary>The label of a numbered paragraph, advancing the counters; null when it is not numbered.</summary>
    public string? NextLabel(Paragraph paragraph)
    {
        var (numId, levelIndex) = NumberingOf(paragraph);
        if (numId is not { } id || id == 0 || levelIndex is < 0 or >= LevelCount || !instanceById.TryGetValue(id, out var instance))
        {
            return null;
        }

        if (instance.AbstractNumId?.Val?.Value is not { } abstractId || !abstractById.TryGetValue(abstractId, out var abstractNum))
        {
            return null;
        }

        // First definition of each level wins; a duplicate or out-of-range w:ilvl in a crafted file is ignored.
        var levels = new Dictionary<int, Level>();
        foreach (var candidate in abstractNum.Elements<Level>())
        {
            if (candidate.LevelIndex?.Value is { } index && index is >= 0 and < LevelCount)
            {
                levels.TryAdd(index, candidate);
            }
        }

        if (!levels.TryGetValue(levelIndex, out var level))
        {
            return null;
        }

        var counters = Counters(abstractId, instance, levels);
        counters[levelIndex] = Math.Min(counters[levelIndex] + 1, MaxNumberingValue);
        for (var deeper = levelIndex + 1; deeper < counters.Length; deeper++)
        {
            counters[deeper] = levels.TryGetValue(deeper, out var l) ? StartOf(l) - 1 : 0;
        }

        if (level.NumberingFormat?.Val?.Value == NumberFormatValues.Bullet)
        {
            return BulletSymbol(level.LevelText?.Val?.Value);
        }

        var template = level.LevelText?.Val?.Value ?? $"%{levelIndex + 1}.";
        if (template.Length > MaxLevelTextLength)
        {
            template = template[..MaxLevelTextLength];
        }

        for (var k = 0; k < counters.Length; k++)
        {
            var placeholder = "%" + (k + 1).ToString(CultureInfo.InvariantCulture);
            if (template.Contains(placeholder, StringComparison.Ordinal))
            {
                var format = levels.TryGetValue(k, out var l) ? l.NumberingFormat?.Val?.Value : null;
                template = template.Replace(placeholder, Format(counters[k], format), StringComparison.Ordinal);
            }
        }

        template = template.Trim();
        return template.Length > MaxLabelLength ? template[..MaxLabelLength] : template;
    }

    private int[] Counters(int abstractId, NumberingInstance instance, Dictionary<int, Level> levels)
    {
        if (!countersByAbstract.TryGetValue(abstractId, out var counters))
        {
            counters = new int[LevelCount];
            for (var i = 0; i < counters.Length; i++)
            {
                counters[i] = levels.TryGetValue(i, out var l) ? StartOf(l) - 1 : 0;
            }

            countersByAbstract[abstractId] = counters;
        }

        // A numbering instance with a start override restarts the list the first time it is used.
        if (instance.NumberID?.Value is { } numId && startedInstances.Add(numId))
        {
            foreach (var levelOverride in instance.Elements<LevelOverride>())
            {
                if (levelOverride.LevelIndex?.Value is { } index && index is >= 0 and < LevelCount &&
                    levelOverride.StartOverrideNumberingValue?.Val?.Value is { } start)
                {
                    counters[index] = Clamp(start) - 1;
                }
            }
        }

        return counters;
    }

    private (int? NumId, int Level) NumberingOf(Paragraph paragraph)
    {
        var direct = paragraph.ParagraphProperties?.NumberingProperties;
        if (direct?.NumberingId?.Val?.Value is { } id)
        {
            return (id, direct.NumberingLevelReference?.Val?.Value ?? 0);
        }

        // Headings are often numbered through their style rather than directly.
        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        for (var depth = 0; styleId is not null && depth < 5; depth++)
        {
            if (!styleById.TryGetValue(styleId, out var style))
            {
                break;
            }

            var fromStyle = style.StyleParagraphProperties?.NumberingProperties;
            if (fromStyle?.NumberingId?.Val?.Value is { } styleNumId)
            {
                return (styleNumId, direct?.NumberingLevelReference?.Val?.Value ?? fromStyle.NumberingLevelReference?.Val?.Value ?? 0);
            }

            styleId = style.BasedOn?.Val?.Value;
        }

        return (null, 0);
    }

    private static int StartOf(Level level) => Clamp(level.StartNumberingValue?.Val?.Value ?? 1);

    /// <summary>0 is a valid start (a list numbered from zero); anything outside 0..<see cref="MaxNumberingValue"/> is brought inside.</summary>
    private static int Clamp(int value) => Math.Clamp(value, 0, MaxNumberingValue);

    private static string BulletSymbol(string? levelText) => levelText switch
    {
        "-" or "–" or "+" or "•" => levelText,
        "o" or "◦" => "+",
        _ => "•",
    };

    private static string Format(int value, NumberFormatValues? format)
    {
        if (format == NumberFormatValues.UpperRoman)
        {
            return Roman(value);
        }

        if (format == NumberFormatValues.LowerRoman)
        {
            return Roman(value).ToLowerInvariant();
        }

        if (format == NumberFormatValues.UpperLetter && value <= MaxLetterValue)
        {
            return Letter(value);
        }

        if (format == NumberFormatValues.LowerLetter && value <= MaxLetterValue)
        {
            return Letter(value).ToLowerInvariant();
        }

        if (format == NumberFormatValues.DecimalZero)
        {
            return value.ToString("00", CultureInfo.InvariantCulture);
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static string Roman(int value)
    {
        if (value <= 0)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        ReadOnlySpan<(int Value, string Symbol)> table =
        [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
        ];
        var result = string.Empty;
        foreach (var (v, s) in table)
        {
            while (value >= v)
            {
                result += s;
                value -= v;
            }
        }

        return result;
    }

    /// <summary>Word's letter numbering: A..Z, then AA..ZZ.</summary>
    private static string Letter(int value)
    {
        if (value <= 0)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var letter = (char)('A' + ((value - 1) % 26));
        return new string(letter, ((value - 1) / 26) + 1);
    }
}
