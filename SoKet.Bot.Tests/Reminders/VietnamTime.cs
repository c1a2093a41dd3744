namespace SoKet.Bot.Tests.Reminders;

/// <summary>Wall-clock instants in Hanoi (UTC+7, no daylight saving), so tests read like the office's calendar.</summary>
internal static class VietnamTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Offset);

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);
}
