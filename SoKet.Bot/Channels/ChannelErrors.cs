using System.Text.Json.Nodes;

namespace SoKet.Bot.Channels;

/// <summary>Error bodies in the Bot Framework shape {"error":{"code","message"}}, with Vietnamese messages for people reading logs or tools.</summary>
internal static class ChannelErrors
{
    public static IResult Error(int status, string code, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, statusCode: status);

    public static IResult Unauthorized() => new UnauthorizedResult();

    /// <summary>401 with a bearer challenge (RFC 6750) and the usual error body.</summary>
    private sealed class UnauthorizedResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Yêu cầu không được xác thực.").ExecuteAsync(httpContext);
        }
    }

    public static IResult TooLarge(int max) =>
        Error(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"Nội dung gửi lên vượt quá giới hạn {max / 1024} KB.");

    public static IResult EmptyBody() =>
        Error(StatusCodes.Status400BadRequest, "BadRequest", "Nội dung yêu cầu trống.");

    /// <summary>400 for an activity the boundary refuses, in Vietnamese then English (tools and logs read the English).</summary>
    public static IResult InvalidActivity(ActivityProblem problem) =>
        Error(StatusCodes.Status400BadRequest, "BadArgument", $"{problem.Vietnamese} ({problem.English})");

    public static IResult MalformedJson() =>
        Error(StatusCodes.Status400BadRequest, "BadRequest", "Nội dung yêu cầu không phải JSON hợp lệ của một activity.");
}
