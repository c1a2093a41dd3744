using SoKet.Bot.Reminders.ReminderSchedule;

namespace SoKet.Bot.Tests.Reminders;

public sealed class MilestoneKeyTests
{
    [Theory]
    [InlineData("D-7")]
    [InlineData("D-1")]
    [InlineData("D0")]
    [InlineData("OVERDUE-1")]
    [InlineData("OVERDUE-12")]
    public void Keys_read_back_as_written(string text) => Assert.Equal(text, MilestoneKey.Parse(text).ToString());

    [Theory]
    [InlineData("D-0")]
    [InlineData("D-03")]
    [InlineData("D+3")]
    [InlineData("OVERDUE-0")]
    [InlineData("overdue-1")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_key(string? text) => Assert.False(MilestoneKey.TryParse(text, out _));

    [Fact]
    public void Keys_order_by_urgency()
    {
        var keys = new[] { "OVERDUE-2", "D0", "D-1", "OVERDUE-1", "D-7", "D-3" }.Select(MilestoneKey.Parse).Order().Select(k => k.ToString());

        Assert.Equal(["D-7", "D-3", "D-1", "D0", "OVERDUE-1", "OVERDUE-2"], keys);
        Assert.True(MilestoneKey.Parse("D-1") < MilestoneKey.DueDay);
    }
}
