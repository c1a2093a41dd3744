using System.Buffers;
using System.Text.Json;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Channels;

internal enum BodyStatus { Ok, Empty, TooLarge, Malformed }

internal static class RequestBody
{
    /// <summary>Reads at most <paramref name="maxBytes"/> and parses an activity, never buffering an oversized body whole.</summary>
    public static async Task<(BodyStatus Status, Activity? Activity)> ReadActivityAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return (BodyStatus.TooLarge, null);

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024));
        using var collected = new MemoryStream();
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (collected.Length + read > maxBytes)
                    return (BodyStatus.TooLarge, null);
                collected.Write(buffer, 0, read);
            }
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
}
