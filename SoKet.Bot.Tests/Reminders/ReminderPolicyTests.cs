using SoKet.Bot.Reminders.ReminderSchedule;

namespace SoKet.Bot.Tests.Reminders;

public sealed class ReminderPolicyTests
{
    [Fact]
    public void The_default_policy_is_7_3_1_days_before_the_due_day_and_every_2_working_days_after()
    {
        var policy = ReminderPolicy.Default;

        Assert.Equal([7, 3, 1], policy.DaysBefore);
        Assert.True(policy.OnDueDay);
        Assert.Equal(2, policy.OverdueEveryWorkingDays);
        Assert.Null(policy.MaxOverdueReminders);
        Assert.Empty(policy.Validate());
    }

    [Fact]
    public void Edits_an_admin_cannot_mean_are_explained_in_Vietnamese()
    {
        var policy = new ReminderPolicy { DaysBefore = [0, 3, 3, 90], OverdueEveryWorkingDays = -1, MaxOverdueReminders = 0 };

        Assert.Equal(
            [
                "Mốc nhắc trước hạn phải từ 1 đến 60 ngày (đang có: 0).",
                "Mốc nhắc trước hạn phải từ 1 đến 60 ngày (đang có: 90).",
                "Mốc nhắc trước hạn 3 ngày bị lặp.",
                "Chu kỳ nhắc sau hạn phải từ 1 đến 30 ngày làm việc, hoặc 0 để không nhắc sau hạn.",
                "Số lần nhắc sau hạn tối đa phải từ 1 đến 100, hoặc để trống để nhắc đến khi đơn vị nộp.",
            ],
            policy.Validate());
    }

    [Fact]
    public void More_than_ten_milestones_before_the_deadline_are_too_many() =>
        Assert.Contains("Tối đa 10 mốc nhắc trước hạn.", new ReminderPolicy { DaysBefore = Enumerable.Range(1, 11).ToArray() }.Validate());

    [Fact]
    public void Turning_overdue_reminders_off_is_valid() =>
        Assert.Empty(new ReminderPolicy { OverdueEveryWorkingDays = 0 }.Validate());
}
