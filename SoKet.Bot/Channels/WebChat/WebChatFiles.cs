using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Channels.WebChat;

/// <summary>
/// Files uploaded in or produced for the built-in web chat, served through signed, expiring links bound to the
/// user they were made for. A stored file's name and type are cleaned on the way in; a download is always served
/// as an attachment with a type chosen from its extension, never the type the uploader claimed.
/// </summary>
public sealed class WebChatFiles(SoKetDbContext db, WebChatTokens tokens, IOptions<ChannelOptions> options, TimeProvider clock)
{
    public const string DownloadPath = "/api/files/";

    /// <summary>Attachment property carrying the upload's size, so the bot can name it when refusing a file.</summary>
    public const string SizeProperty = "soketSize";

    private const int MaxNameLength = 200;

    /// <summary>
    /// Stages a file without saving: a turn stores it with the rest of the turn, an upload with its whole request.
    /// <paramref name="content"/> null keeps only the name and size of a file over the size limit.
    /// </summary>
    public StoredFile Stage(string? conversationId, string? ownerId, StoredFileKind kind, string? name, string? contentType, byte[]? content, long? size = null)
    {
        var file = new StoredFile
        {
            Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            ConversationId = conversationId,
            OwnerId = ownerId is { Length: > 256 } ? ownerId[..256] : ownerId,
            Kind = kind,
            Name = SafeName(name),
            ContentType = SafeContentType(contentType),
            Size = size ?? content?.LongLength ?? 0,
            Content = content,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.StoredFiles.Add(file);
        return file;
    }

    /// <summary>Stores a file at once, outside any turn (a document made in the background).</summary>
    public async Task<StoredFile> StoreAsync(
        string? conversationId, string? ownerId, string name, string? contentType, byte[] content, CancellationToken cancellationToken)
    {
        var file = Stage(conversationId, ownerId, StoredFileKind.Export, name, contentType, content);
        await db.SaveChangesAsync(cancellationToken);
        return file;
    }

    public Task<StoredFile?> FindAsync(string id, CancellationToken cancellationToken) =>
        id.Length > 64 ? Task.FromResult<StoredFile?>(null) : db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);

    /// <summary>Stages the removal of a file nobody needs any more (a declined or delivered Teams file consent).</summary>
    public async Task ForgetAsync(string id, CancellationToken cancellationToken)
    {
        if (await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == id, cancellationToken) is { } file)
            db.StoredFiles.Remove(file);
    }

    /// <summary>Bytes of uploads <paramref name="ownerId"/> stored since <paramref name="sinceUtc"/> (files over the limit count nothing: they were not kept).</summary>
    public async Task<long> UploadedBytesSinceAsync(string ownerId, DateTime sinceUtc, CancellationToken cancellationToken) =>
        await db.StoredFiles.AsNoTracking()
            .Where(f => f.OwnerId == ownerId && f.Kind == StoredFileKind.Upload && f.CreatedAtUtc >= sinceUtc && f.Content != null)
            .SumAsync(f => (long?)f.Size, cancellationToken) ?? 0;

    /// <summary>
    /// A relative link (the page and the bot share an origin) that expires after <see cref="ChannelOptions.DownloadLinkLifetime"/>
    /// and is signed together with the file's owner, so it only works in that user's browser.
    /// </summary>
    public async Task<string> CreateDownloadUrlAsync(StoredFile file, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow().Add(options.Value.DownloadLinkLifetime).ToUnixTimeSeconds();
        var signature = await tokens.SignFileAsync(Bound(file), expires, cancellationToken);
        return $"{DownloadPath}{file.Id}/{Uri.EscapeDataString(file.Name)}?exp={expires}&sig={signature}";
    }

    /// <summary>
    /// Whether <paramref name="browserUserId"/> (the web chat user the browser's signed cookie names) may fetch
    /// <paramref name="file"/> with this link: the signature covers the file, the expiry and the owner.
    /// </summary>
    public async Task<bool> MayDownloadAsync(StoredFile file, long expires, string? signature, string? browserUserId, CancellationToken cancellationToken)
    {
        if (file.OwnerId is { } owner && owner != browserUserId)
            return false;
        return await tokens.VerifyFileAsync(Bound(file), expires, signature, cancellationToken);
    }

    public async Task<Attachment> ToAttachmentAsync(StoredFile file, CancellationToken cancellationToken)
    {
        var attachment = new Attachment
        {
            ContentType = file.ContentType,
            Name = file.Name,
            ContentUrl = file.Content is null ? null : await CreateDownloadUrlAsync(file, cancellationToken),
        };
        attachment.Extra = new() { [SizeProperty] = System.Text.Json.JsonSerializer.SerializeToElement(file.Size) };
        return attachment;
    }

    /// <summary>The stored file behind one of our own download links, if the URL is one.</summary>
    public static string? FileIdFromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return null;
        var path = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url.Split('?')[0];
        if (!path.StartsWith(DownloadPath, StringComparison.Ordinal))
            return null;
        var rest = path[DownloadPath.Length..];
        var slash = rest.IndexOf('/');
        return slash > 0 ? rest[..slash] : rest;
    }

    /// <summary>
    /// The type a download is served with, from the file's extension: a browser is never handed the uploader's
    /// claim (text/html, image/svg+xml) to render. Anything unknown is a plain download.
    /// </summary>
    public static string DownloadContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".csv" => "text/csv; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".md" => "text/markdown; charset=utf-8",
        ".pdf" => "application/pdf",
        _ => "application/octet-stream",
    };

    /// <summary>The file name alone (no folders, no control characters), at most 200 characters with its extension kept.</summary>
    internal static string SafeName(string? name)
    {
        var raw = string.IsNullOrWhiteSpace(name) ? "tep" : name;
        var last = raw.Replace('\\', '/').Split('/').LastOrDefault(p => p.Length > 0) ?? "tep";
        var clean = new string(last.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().Trim('.');
        if (clean.Length == 0)
            clean = "tep";
        if (clean.Length <= MaxNameLength)
            return clean;
        var extension = Path.GetExtension(clean);
        if (extension.Length > 16)
            extension = "";
        return clean[..(MaxNameLength - extension.Length)] + extension;
    }

    /// <summary>A media type as "type/subtype" of token characters, at most 128 long; anything else is octet-stream.</summary>
    internal static string SafeContentType(string? contentType)
    {
        var value = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var slash = value.IndexOf('/');
        var valid = value.Length is > 2 and <= 128 && slash > 0 && slash == value.LastIndexOf('/') && slash < value.Length - 1
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '+' or '-' or '_');
        return valid ? value : "application/octet-stream";
    }

    /// <summary>What a link's signature covers besides the expiry: the file and, when it has one, its owner.</summary>
    private static string Bound(StoredFile file) => file.OwnerId is null ? file.Id : string.Create(CultureInfo.InvariantCulture, $"{file.Id}|{file.OwnerId}");
}
