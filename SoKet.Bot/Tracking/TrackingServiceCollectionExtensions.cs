using SoKet.Bot.Tracking.Chat;
using SoKet.Bot.Tracking.DeadlineQuestions;
using SoKet.Bot.Tracking.Status;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Tracking;

public static class TrackingServiceCollectionExtensions
{
    private const string NoStatus =
        "Chưa có quyền xem tình hình nộp báo cáo: chức năng này dành cho cán bộ văn phòng cấp ủy và các đồng chí phụ trách đơn vị.";

    /// <summary>Deadline questions (anyone) and the submission status the office and the leaders in charge follow.</summary>
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddScoped<StatusOverviewBuilder>();
        services.AddRoutes("Tracking", routes =>
        {
            // Ranked ahead of the broad deadline-question matcher: "đơn vị nào chưa nộp" mentions deadlines but is a command of its own.
            routes.Add<SubmissionStatusCommand>(SubmissionStatusCommand.CommandName, c => c.ExecuteAsync)
                .When(SubmissionStatusCommand.Matches).Rank(RouteRank.Command - 50)
                .For(Roles.Admin | Roles.Leader, _ => NoStatus);
            routes.Add<ExportStatusCommand>(ExportStatusCommand.CommandName, c => c.ExecuteAsync)
                .When(ExportStatusCommand.Matches).Rank(RouteRank.Command - 49)
                .For(Roles.Admin | Roles.Leader, _ => NoStatus);
            routes.Add<DeadlineQuestionCommand>(DeadlineQuestionCommand.CommandName, c => c.ExecuteAsync)
                .When(DeadlineQuestionClassifier.IsDeadlineQuestion).Rank(RouteRank.Broad);
        });
        return services;
    }
}
