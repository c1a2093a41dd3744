using System.Globalization;
using System.Text.Json.Nodes;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Text;

namespace SoKet.Bot.Campaigns.Chat;

/// <summary>
/// The admin's corrections from the confirmation card. A field left out of the submit keeps what the
/// importer read; a field given is taken as typed (NFC), dates as yyyy-MM-dd (Input.Date) or dd/MM/yyyy.
/// </summary>
public sealed class PlanEdits
{
    private readonly Dictionary<string, string> _text = [];
    private readonly Dictionary<int, DateTime?> _deadlines = [];
    private DateTime? _issuedOn;
    private bool _issuedOnGiven;
    private DateTime? _dataCutOff;
    private bool _dataCutOffGiven;
    private CampaignKind? _kind;

    public List<string> Problems { get; } = [];
    public bool UseReferenceOutline { get; private set; }

    /// <summary>The outline text from the card, as typed (lines and indentation kept).</summary>
    public string? OutlineText { get; private set; }

    public static PlanEdits Read(JsonObject? data, int deadlineCount)
    {
        var edits = new PlanEdits();
        if (data is null)
            return edits;
        foreach (var field in new[] { "code", "issuingBody", "place", "title", "evaluationPeriod", "reportsTo", "reportsVia" })
        {
            if (Value(data, field) is { } value)
                edits._text[field] = value;
        }
        if (edits._text.TryGetValue("code", out var code) && code.Length == 0)
            edits.Problems.Add("Số, ký hiệu của kế hoạch không được để trống.");

        (edits._issuedOnGiven, edits._issuedOn) = edits.ReadDate(data, "issuedOn", "Ngày ban hành");
        (edits._dataCutOffGiven, edits._dataCutOff) = edits.ReadDate(data, "dataCutOff", "Ngày tính số liệu");
        for (var i = 0; i < deadlineCount; i++)
        {
            var (given, date) = edits.ReadDate(data, PlanConfirmCard.DeadlineInputId(i), $"Thời hạn thứ {i + 1}");
            if (given)
                edits._deadlines[i] = date;
        }
        if (Value(data, "kind") is { Length: > 0 } kind)
        {
            if (Enum.TryParse<CampaignKind>(kind, ignoreCase: false, out var parsed))
                edits._kind = parsed;
            else
                edits.Problems.Add("Loại đợt sơ kết không hợp lệ.");
        }
        edits.UseReferenceOutline = Value(data, "useReferenceOutline") == "true";
        edits.OutlineText = data["outline"] is JsonValue outline && outline.TryGetValue<string>(out var typed) ? typed.Normalize(System.Text.NormalizationForm.FormC) : null;
        return edits;
    }

    public void ApplyTo(Campaign campaign)
    {
        if (_text.TryGetValue("code", out var code)) campaign.Code = code;
        if (_text.TryGetValue("issuingBody", out var body)) campaign.IssuingBody = body;
        if (_text.TryGetValue("place", out var place)) campaign.Place = NullIfEmpty(place);
        if (_text.TryGetValue("title", out var title)) campaign.Title = title;
        if (_text.TryGetValue("evaluationPeriod", out var period)) campaign.EvaluationPeriod = NullIfEmpty(period);
        if (_text.TryGetValue("reportsTo", out var to)) campaign.ReportsTo = NullIfEmpty(to);
        if (_text.TryGetValue("reportsVia", out var via)) campaign.ReportsVia = NullIfEmpty(via);
        if (_issuedOnGiven) campaign.IssuedOn = _issuedOn;
        if (_dataCutOffGiven) campaign.DataCutOff = _dataCutOff;
        if (_kind is { } kind) campaign.Kind = kind;
        foreach (var (index, date) in _deadlines)
        {
            var deadline = campaign.Deadlines.Single(d => d.Order == index);
            if (deadline.Date == date)
                continue;
            deadline.Date = date;
            // A date the admin picked is a precise day, whatever the plan's wording was.
            deadline.DatePrecision = DatePrecision.Day;
            if (date is not null && deadline.Timing != DeadlineTiming.OnDate)
                deadline.Timing = DeadlineTiming.OnDate;
        }
    }

    private (bool Given, DateTime? Date) ReadDate(JsonObject data, string field, string label)
    {
        if (Value(data, field) is not { } text)
            return (false, null);
        if (text.Length == 0)
            return (true, null);
        string[] formats = ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return (true, DateTime.SpecifyKind(date.Date, DateTimeKind.Unspecified));
        Problems.Add($"{label} «{text}» không đúng định dạng ngày (dd/MM/yyyy).");
        return (false, null);
    }

    private static string? Value(JsonObject data, string field) =>
        data[field] is JsonValue v && v.TryGetValue<string>(out var s) ? VietnameseText.Normalize(s).Trim() : null;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
