using System.Buffers;
using System.Text.Json;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Channels;

internal enum BodyStatus { Ok, Empty, TooLarge, Malformed }

internal static class RequestBody
{
    /// <summary>Reads at most <paramref name="maxBytes"/> and parses an activity, never buffering an oversized body whole.</summary>
    public static Task<(BodyStatus Status, Activity? Activity)> ReadActivityAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken) =>
        ReadActivityAsync(request.Body, request.ContentLength, maxBytes, cancellationToken);

    /// <summary>
    /// The same for any stream (the "activity" part of an upload): the one size limit applies to every part of
    /// every request, whatever carries it.
    /// </summary>
    public static async Task<(BodyStatus Status, Activity? Activity)> ReadActivityAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength > maxBytes)
            return (BodyStatus.TooLarge, null);

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024));
        using var collected = new MemoryStream();
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (collected.Length + read > maxBytes)
                    return (BodyStatus.TooLarge, null);
                collected.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (BodyStatus.TooLarge, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (collected.Length == 0)
            return (BodyStatus.Empty, null);
        try
        {
            var activity = JsonSerializer.Deserialize<Activity>(collected.GetBuffer().AsSpan(0, (int)collected.Length), ProtocolJson.Options);
            return activity is null || string.IsNullOrWhiteSpace(activity.Type)
                ? (BodyStatus.Malformed, null)
                : (BodyStatus.Ok, activity);
        }
        catch (JsonException)
        {
            return (BodyStatus.Malformed, null);
        }
    }

    /// <summary>The answer to a body that is not Ok.</summary>
    public static IResult Refusal(BodyStatus status, int maxBytes) => status switch
    {
        BodyStatus.TooLarge => ChannelErrors.TooLarge(maxBytes),
        BodyStatus.Empty => ChannelErrors.EmptyBody(),
        _ => ChannelErrors.MalformedJson(),
    };
}
