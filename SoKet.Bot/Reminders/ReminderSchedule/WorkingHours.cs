namespace SoKet.Bot.Reminders.ReminderSchedule;

/// <summary>When an office reads its messages; reminders are sent only inside these hours. Per campaign, editable by the admin.</summary>
public sealed record WorkingHours
{
    public static WorkingHours Default { get; } = new();

    public TimeOnly Opens { get; init; } = new(7, 30);

    /// <summary>Exclusive: at 17:00 the office is closed.</summary>
    public TimeOnly Closes { get; init; } = new(17, 0);

    public IReadOnlySet<DayOfWeek> Days { get; init; } = new HashSet<DayOfWeek>
    {
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
    };

    /// <summary>What is wrong with these hours, in words the admin who edited them can act on; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Opens >= Closes)
            errors.Add($"Giờ bắt đầu làm việc ({Opens:HH\\:mm}) phải trước giờ kết thúc ({Closes:HH\\:mm}).");
        if (Days.Count == 0)
            errors.Add("Cần ít nhất một ngày làm việc trong tuần.");
        return errors;
    }
}
