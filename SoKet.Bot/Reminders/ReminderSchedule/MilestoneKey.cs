using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SoKet.Bot.Reminders.ReminderSchedule;

public enum MilestoneKind
{
    BeforeDeadline,
    DueDay,
    Overdue,
}

/// <summary>
/// A reminder milestone's name, "D-7", "D-3", "D-1", "D0", "OVERDUE-1", "OVERDUE-2" …: derived only
/// from the policy's numbers, never from the clock, so every run and every bot instance names the
/// same milestone the same way. Ordered by urgency: D-7 &lt; D-1 &lt; D0 &lt; OVERDUE-1.
/// </summary>
public readonly record struct MilestoneKey : IComparable<MilestoneKey>
{
    private const string OverduePrefix = "OVERDUE-";

    private MilestoneKey(MilestoneKind kind, int number)
    {
        Kind = kind;
        Number = number;
    }

    public MilestoneKind Kind { get; }

    /// <summary>Days before the deadline for <see cref="MilestoneKind.BeforeDeadline"/>; the reminder's ordinal for <see cref="MilestoneKind.Overdue"/>; 0 on the day.</summary>
    public int Number { get; }

    public static MilestoneKey DueDay { get; } = new(MilestoneKind.DueDay, 0);

    public static MilestoneKey DaysBefore(int days) =>
        days > 0 ? new(MilestoneKind.BeforeDeadline, days) : throw new ArgumentOutOfRangeException(nameof(days));

    public static MilestoneKey Overdue(int ordinal) =>
        ordinal > 0 ? new(MilestoneKind.Overdue, ordinal) : throw new ArgumentOutOfRangeException(nameof(ordinal));

    private int Urgency => Kind switch
    {
        MilestoneKind.BeforeDeadline => -Number,
        MilestoneKind.DueDay => 0,
        _ => Number,
    };

    public int CompareTo(MilestoneKey other) => Urgency.CompareTo(other.Urgency);

    public static bool operator <(MilestoneKey left, MilestoneKey right) => left.CompareTo(right) < 0;

    public static bool operator >(MilestoneKey left, MilestoneKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(MilestoneKey left, MilestoneKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(MilestoneKey left, MilestoneKey right) => left.CompareTo(right) >= 0;

    public override string ToString() => Kind switch
    {
        MilestoneKind.BeforeDeadline => "D-" + Number.ToString(CultureInfo.InvariantCulture),
        MilestoneKind.DueDay => "D0",
        _ => OverduePrefix + Number.ToString(CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out MilestoneKey? key)
    {
        key = null;
        if (text == "D0")
            key = DueDay;
        else if (text?.StartsWith("D-", StringComparison.Ordinal) == true && PositiveNumber(text[2..]) is { } days)
            key = DaysBefore(days);
        else if (text?.StartsWith(OverduePrefix, StringComparison.Ordinal) == true && PositiveNumber(text[OverduePrefix.Length..]) is { } ordinal)
            key = Overdue(ordinal);
        return key is not null;
    }

    public static MilestoneKey Parse(string text) =>
        TryParse(text, out var key) ? key.Value : throw new FormatException($"Not a reminder milestone: '{text}'.");

    // Only the canonical spelling ("D-3", not "D-03" or "D-+3"), so a parsed key prints back the same.
    private static int? PositiveNumber(string digits) =>
        digits.Length > 0 && digits[0] != '0' && digits.All(char.IsAsciiDigit)
        && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
}
