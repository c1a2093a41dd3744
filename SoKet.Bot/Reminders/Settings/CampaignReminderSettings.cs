namespace SoKet.Bot.Reminders.Settings;

/// <summary>A campaign's own reminder milestones and office hours, as the admin edited them; absent means the configured defaults.</summary>
public sealed class CampaignReminderSettings
{
    public Guid CampaignId { get; set; }

    /// <summary>"7,3,1".</summary>
    public string DaysBefore { get; set; } = "";
    public bool OnDueDay { get; set; }
    public int OverdueEveryWorkingDays { get; set; }
    public int? MaxOverdueReminders { get; set; }

    /// <summary>"08:00", "07:30", "17:00": local wall-clock times (EF Core 6 maps no TimeOnly).</summary>
    public string SendAt { get; set; } = "";
    public string Opens { get; set; } = "";
    public string Closes { get; set; } = "";

    /// <summary>"2023-09-01,2023-09-04".</summary>
    public string Holidays { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }
    public string? UpdatedBy { get; set; }
}
