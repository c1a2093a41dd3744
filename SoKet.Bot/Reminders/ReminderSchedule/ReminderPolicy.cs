namespace SoKet.Bot.Reminders.ReminderSchedule;

/// <summary>
/// When a campaign reminds a unit that has not submitted: so many calendar days before its
/// deadline (default 7, 3, 1), on the day, then every so many working days after. Per campaign,
/// editable by the admin; <see cref="Validate"/> before saving an edit.
/// </summary>
public sealed record ReminderPolicy
{
    public const int MaxDaysBefore = 60;
    public const int MaxMilestonesBefore = 10;
    public const int MaxOverdueInterval = 30;
    public const int MaxOverdueCap = 100;

    public static ReminderPolicy Default { get; } = new();

    /// <summary>Calendar days before the deadline.</summary>
    public IReadOnlyList<int> DaysBefore { get; init; } = [7, 3, 1];

    public bool OnDueDay { get; init; } = true;

    /// <summary>Working days between reminders once the deadline has passed; 0 sends none after the deadline.</summary>
    public int OverdueEveryWorkingDays { get; init; } = 2;

    /// <summary>How many reminders after the deadline at most; null keeps reminding until the unit submits.</summary>
    public int? MaxOverdueReminders { get; init; }

    /// <summary>The local time a milestone is due; outside working hours it goes at the next opening.</summary>
    public TimeOnly SendAt { get; init; } = new(8, 0);

    /// <summary>What is wrong with this policy, in words the admin who edited it can act on; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (DaysBefore.Count > MaxMilestonesBefore)
            errors.Add($"Tối đa {MaxMilestonesBefore} mốc nhắc trước hạn.");
        foreach (var days in DaysBefore.Where(d => d is < 1 or > MaxDaysBefore).Distinct())
            errors.Add($"Mốc nhắc trước hạn phải từ 1 đến {MaxDaysBefore} ngày (đang có: {days}).");
        foreach (var days in DaysBefore.GroupBy(d => d).Where(g => g.Count() > 1).Select(g => g.Key))
            errors.Add($"Mốc nhắc trước hạn {days} ngày bị lặp.");
        if (OverdueEveryWorkingDays is < 0 or > MaxOverdueInterval)
            errors.Add($"Chu kỳ nhắc sau hạn phải từ 1 đến {MaxOverdueInterval} ngày làm việc, hoặc 0 để không nhắc sau hạn.");
        if (MaxOverdueReminders is < 1 or > MaxOverdueCap)
            errors.Add($"Số lần nhắc sau hạn tối đa phải từ 1 đến {MaxOverdueCap}, hoặc để trống để nhắc đến khi đơn vị nộp.");
        return errors;
    }
}
