using SoKet.Bot.Reminders.ReminderSchedule;
using static SoKet.Bot.Tests.Reminders.VietnamTime;

namespace SoKet.Bot.Tests.Reminders;

public sealed class WorkingCalendarTests
{
    // 2023: Quốc khánh fell on Saturday 2/9; the days off were Friday 1/9, Saturday 2/9 and Monday 4/9.
    private static readonly DateOnly[] NationalDay2023 = [Day(2023, 9, 1), Day(2023, 9, 2), Day(2023, 9, 4)];

    // 2024: Tuesday 30/4 and Wednesday 1/5.
    private static readonly DateOnly[] ReunificationAndLabourDay2024 = [Day(2024, 4, 30), Day(2024, 5, 1)];

    private readonly WorkingCalendar calendar = new();

    [Fact]
    public void The_default_calendar_is_Hanoi_time_07_30_to_17_00_Monday_to_Friday()
    {
        Assert.Equal(TimeSpan.FromHours(7), calendar.TimeZone.GetUtcOffset(At(2023, 6, 27, 12)));
        Assert.Equal(new TimeOnly(7, 30), calendar.Hours.Opens);
        Assert.Equal(new TimeOnly(17, 0), calendar.Hours.Closes);
        Assert.True(calendar.IsWorkingDay(Day(2023, 6, 30)));   // Friday
        Assert.False(calendar.IsWorkingDay(Day(2023, 7, 1)));   // Saturday
        Assert.False(calendar.IsWorkingDay(Day(2023, 7, 2)));   // Sunday
    }

    [Theory]
    [InlineData(2027, 1, 1)]    // Friday: New Year's Day
    [InlineData(2025, 4, 30)]   // Wednesday
    [InlineData(2025, 5, 1)]    // Thursday
    [InlineData(2026, 9, 2)]    // Wednesday
    public void The_solar_public_holidays_are_days_off_without_being_configured(int year, int month, int day) =>
        Assert.False(calendar.IsWorkingDay(Day(year, month, day)));

    [Fact]
    public void The_working_day_after_New_Years_Eve_2026_is_Monday_4_January() =>
        Assert.Equal(Day(2027, 1, 4), calendar.AddWorkingDays(Day(2026, 12, 31), 1));

    [Theory]
    [InlineData(7, 29, false)]
    [InlineData(7, 30, true)]
    [InlineData(16, 59, true)]
    [InlineData(17, 0, false)]
    public void Open_from_the_opening_minute_until_just_before_closing(int hour, int minute, bool open) =>
        Assert.Equal(open, calendar.IsOpen(At(2023, 6, 27, hour, minute)));

    [Fact]
    public void Instants_are_read_in_Hanoi_time_whatever_their_offset()
    {
        var halfPastMidnightUtc = new DateTimeOffset(2023, 6, 27, 0, 30, 0, TimeSpan.Zero); // 07:30 in Hanoi

        Assert.True(calendar.IsOpen(halfPastMidnightUtc));
        Assert.Equal(halfPastMidnightUtc, calendar.NextOpening(halfPastMidnightUtc));
        Assert.Equal(TimeSpan.FromHours(7), calendar.NextOpening(halfPastMidnightUtc).Offset);
        Assert.False(calendar.IsOpen(new DateTimeOffset(2023, 6, 27, 10, 0, 0, TimeSpan.Zero))); // 17:00 in Hanoi
    }

    [Fact]
    public void Six_in_the_morning_waits_for_07_30_the_same_day() =>
        Assert.Equal(At(2023, 6, 27, 7, 30), calendar.NextOpening(At(2023, 6, 27, 6, 0)));

    [Fact]
    public void Within_hours_the_instant_itself_is_the_opening() =>
        Assert.Equal(At(2023, 6, 27, 10, 15), calendar.NextOpening(At(2023, 6, 27, 10, 15)));

    [Fact]
    public void Half_past_five_on_Friday_waits_for_Monday_07_30() =>
        Assert.Equal(At(2023, 6, 26, 7, 30), calendar.NextOpening(At(2023, 6, 23, 17, 30)));

    [Fact]
    public void Saturday_waits_for_Monday() =>
        Assert.Equal(At(2023, 7, 3, 7, 30), calendar.NextOpening(At(2023, 7, 1, 10, 0)));

    [Fact]
    public void The_national_day_holidays_are_skipped()
    {
        var withHolidays = new WorkingCalendar(holidays: NationalDay2023);

        Assert.Equal(At(2023, 9, 5, 7, 30), withHolidays.NextOpening(At(2023, 8, 31, 17, 0)));
        Assert.Equal(At(2023, 9, 5, 7, 30), withHolidays.NextOpening(At(2023, 9, 1, 9, 0)));
        Assert.Equal(At(2023, 9, 1, 7, 30), calendar.NextOpening(At(2023, 8, 31, 17, 0)));
    }

    [Fact]
    public void The_30_April_and_1_May_holidays_are_skipped() =>
        Assert.Equal(At(2024, 5, 2, 7, 30), new WorkingCalendar(holidays: ReunificationAndLabourDay2024).NextOpening(At(2024, 4, 29, 17, 30)));

    [Theory]
    [InlineData(2023, 6, 30, 1, 2023, 7, 3)]   // Friday + 1 = Monday
    [InlineData(2023, 6, 30, 2, 2023, 7, 4)]
    [InlineData(2023, 6, 25, 1, 2023, 6, 26)]  // from a Sunday
    [InlineData(2023, 6, 30, 0, 2023, 6, 30)]
    [InlineData(2023, 7, 3, -1, 2023, 6, 30)]  // Monday - 1 = Friday
    [InlineData(2023, 6, 30, 10, 2023, 7, 14)]
    public void Working_days_skip_weekends(int y, int m, int d, int n, int ey, int em, int ed) =>
        Assert.Equal(Day(ey, em, ed), calendar.AddWorkingDays(Day(y, m, d), n));

    [Fact]
    public void Working_days_skip_holidays()
    {
        var withHolidays = new WorkingCalendar(holidays: NationalDay2023);

        Assert.Equal(Day(2023, 9, 6), withHolidays.AddWorkingDays(Day(2023, 8, 31), 2)); // Tue 5/9, Wed 6/9
        Assert.Equal(Day(2023, 8, 31), withHolidays.AddWorkingDays(Day(2023, 9, 5), -1));
    }

    [Fact]
    public void Hours_and_days_are_configurable()
    {
        var saturdayMornings = new WorkingCalendar(new WorkingHours
        {
            Opens = new TimeOnly(8, 0),
            Closes = new TimeOnly(11, 30),
            Days = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Saturday },
        });

        Assert.Equal(At(2023, 7, 1, 8, 0), saturdayMornings.NextOpening(At(2023, 6, 26, 12, 0))); // Monday noon → Saturday
        Assert.True(saturdayMornings.IsOpen(At(2023, 7, 1, 11, 29)));
    }

    [Fact]
    public void Hours_that_close_before_they_open_are_refused_with_a_message_for_the_admin()
    {
        var hours = new WorkingHours { Opens = new TimeOnly(17, 0), Closes = new TimeOnly(7, 30) };

        Assert.Equal(["Giờ bắt đầu làm việc (17:00) phải trước giờ kết thúc (07:30)."], hours.Validate());
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(hours));
        Assert.Equal(["Cần ít nhất một ngày làm việc trong tuần."], new WorkingHours { Days = new HashSet<DayOfWeek>() }.Validate());
        Assert.Empty(WorkingHours.Default.Validate());
    }
}
