using System.Text.Json.Nodes;
using SoKet.Bot.Reports;
using SoKet.Bot.Text;

namespace SoKet.Bot.Drafting;

/// <summary>Reads the indicator form of the table card; figures as Vietnamese write them ("1.234,5", "95,5%").</summary>
public static class IndicatorForm
{
    public sealed record Parsed(IndicatorRowInput? Input, string? Error);

    public static Parsed Parse(JsonObject value)
    {
        var name = Field(value, "name");
        if (name.Length == 0)
            return new Parsed(null, "Đề nghị nhập tên chỉ tiêu.");
        var unit = Field(value, "unitOfMeasure");
        var sawPercent = false;
        decimal? target = null, result = null, estimate = null;
        foreach (var (field, label, assign) in new (string, string, Action<decimal>)[]
        {
            ("target", "Chỉ tiêu nghị quyết", v => target = v),
            ("result", "Kết quả đến thời điểm sơ kết", v => result = v),
            ("estimate", "Dự ước cả năm", v => estimate = v),
        })
        {
            var written = Field(value, field);
            if (written.Length == 0)
                continue;
            if (!VietnameseNumber.TryParse(written, out var number, out var isPercent))
                // Quoted short: the error is kept in the conversation's state, and a field may hold a 256 KB paste.
                return new Parsed(null, $"Số liệu «{(written.Length > 40 ? written[..40] + "…" : written)}» ở ô «{label}» chưa đúng. Đồng chí nhập số như 1.234,5 hoặc 95,5%.");
            sawPercent |= isPercent;
            assign(number);
        }
        if (unit.Length == 0 && sawPercent)
            unit = "%";
        var lowerIsBetter = Field(value, "lowerIsBetter") is "true" or "True";
        return new Parsed(new IndicatorRowInput(name, unit.Length == 0 ? null : unit, target, result, estimate, lowerIsBetter), null);
    }

    /// <summary>The form's fields as typed, to show a refused form again; each cut to what a form field plausibly holds (the state is stored).</summary>
    public static Dictionary<string, string> Typed(JsonObject value)
    {
        const int maxChars = 500;
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in (string[])["name", "unitOfMeasure", "target", "result", "estimate", "lowerIsBetter"])
        {
            var written = Field(value, field);
            typed[field] = written.Length > maxChars ? written[..maxChars] : written;
        }
        return typed;
    }

    private static string Field(JsonObject value, string name) =>
        value[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : value[name]?.ToJsonString().Trim() ?? "";
}
