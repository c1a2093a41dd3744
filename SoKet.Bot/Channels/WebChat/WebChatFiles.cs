using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SoKet.Bot.Data;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Channels.WebChat;

/// <summary>Files uploaded in or produced for the built-in web chat, served through signed, expiring links.</summary>
public sealed class WebChatFiles(SoKetDbContext db, WebChatTokens tokens, IOptions<ChannelOptions> options, TimeProvider clock)
{
    public const string DownloadPath = "/api/files/";

    /// <summary>Attachment property carrying the upload's size, so the bot can name it when refusing a file.</summary>
    public const string SizeProperty = "soketSize";

    public async Task<StoredFile> SaveAsync(string? conversationId, string name, string? contentType, Stream content, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxUploadFileBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            size += read;
            if (size <= max)
                buffer.Write(chunk, 0, read);
        }
        var file = new StoredFile
        {
            Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            ConversationId = conversationId,
            Name = Path.GetFileName(string.IsNullOrWhiteSpace(name) ? "tep" : name),
            ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType,
            Size = size,
            Content = size <= max ? buffer.ToArray() : null,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.StoredFiles.Add(file);
        await db.SaveChangesAsync(cancellationToken);
        return file;
    }

    /// <summary>Stages a file in the store without saving: a turn stores it with the rest of the turn.</summary>
    public StoredFile Stage(string? conversationId, string name, string? contentType, byte[] content)
    {
        var file = new StoredFile
        {
            Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            ConversationId = conversationId,
            Name = Path.GetFileName(string.IsNullOrWhiteSpace(name) ? "tep" : name),
            ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType,
            Size = content.LongLength,
            Content = content,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.StoredFiles.Add(file);
        return file;
    }

    /// <summary>Stores a file at once, outside any turn (a document made in the background).</summary>
    public async Task<StoredFile> StoreAsync(string? conversationId, string name, string? contentType, byte[] content, CancellationToken cancellationToken)
    {
        var file = Stage(conversationId, name, contentType, content);
        await db.SaveChangesAsync(cancellationToken);
        return file;
    }

    public Task<StoredFile?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);

    /// <summary>A relative link (the page and the bot share an origin) that expires after <see cref="ChannelOptions.DownloadLinkLifetime"/>.</summary>
    public async Task<string> CreateDownloadUrlAsync(StoredFile file, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow().Add(options.Value.DownloadLinkLifetime).ToUnixTimeSeconds();
        var signature = await tokens.SignFileAsync(file.Id, expires, cancellationToken);
        return $"{DownloadPath}{file.Id}/{Uri.EscapeDataString(file.Name)}?exp={expires}&sig={signature}";
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
}
