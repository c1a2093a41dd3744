using System.Globalization;

namespace SoKet.Bot.Reminders.Settings;

/// <summary>Section "Reminders": defaults for every campaign, and how the planner and the sender run.</summary>
public sealed class RemindersOptions
{
    public const string Section = "Reminders";

    public bool PlannerEnabled { get; set; } = true;
    public bool SenderEnabled { get; set; } = true;
    public TimeSpan PlannerInterval { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan SenderPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Items one sender claims at a time; they must be sent within <see cref="Lease"/>.</summary>
    public int BatchSize { get; set; } = 60;
    public int MaxParallelSends { get; set; } = 8;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an attempt stamped by another process may still be in its Connector call (the Connector timeout and then some).</summary>
    public TimeSpan InFlightGrace { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Back-off after a 429 without Retry-After, or a 5xx.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Teams' limit of proactive messages per app and tenant. Instances share it through a sending lease per tenant in
    /// the store: the holder alone sends that tenant's reminders, at this rate.
    /// </summary>
    public double PerTenantRatePerSecond { get; set; } = 30;

    /// <summary>
    /// How long a tenant's sending lease lasts without renewal (the holder renews it every quarter of it): when the
    /// holding instance dies, another one takes the tenant over after at most this long.
    /// </summary>
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Teams' per-conversation limits as "count/seconds"; null uses 7/1, 8/2, 60/30, 1800/3600.</summary>
    public string[]? PerConversation { get; set; }

    public int[]? DaysBefore { get; set; }
    public bool OnDueDay { get; set; } = true;
    public int OverdueEveryWorkingDays { get; set; } = 2;
    public int? MaxOverdueReminders { get; set; }
    public string SendAt { get; set; } = "08:00";
    public WorkingHoursOptions WorkingHours { get; set; } = new();

    /// <summary>Public holidays, dd/MM/yyyy or yyyy-MM-dd.</summary>
    public string[]? Holidays { get; set; }

    public IReadOnlyList<(int Count, TimeSpan Window)> ConversationLimits() =>
        (PerConversation ?? ["7/1", "8/2", "60/30", "1800/3600"]).Select(ParseLimit).ToList();

    private static (int, TimeSpan) ParseLimit(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || count < 1 || seconds <= 0)
            throw new FormatException($"{Section}:PerConversation '{text}' is not 'count/seconds'.");
        return (count, TimeSpan.FromSeconds(seconds));
    }
}

public sealed class WorkingHoursOptions
{
    public string Opens { get; set; } = "07:30";
    public string Closes { get; set; } = "17:00";

    /// <summary>Null: Monday to Friday.</summary>
    public DayOfWeek[]? Days { get; set; }
}
