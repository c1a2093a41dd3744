using System.Globalization;
using Microsoft.Extensions.Options;
using SoKet.Bot.Protocol;

namespace SoKet.Bot.Conversations;

/// <summary>Section "Progress": when a long operation inside a turn starts telling the user how far it got.</summary>
public sealed class ProgressOptions
{
    public const string Section = "Progress";

    /// <summary>An operation shorter than this shows no progress message at all.</summary>
    public TimeSpan ShowAfter { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The progress message is edited at most this often (Teams limits edits like sends).</summary>
    public TimeSpan UpdateEvery { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Progress of long operations that run inside a turn (consolidating reports, exporting, importing a unit list):
/// once one has run for <see cref="ProgressOptions.ShowAfter"/>, a message «Đang tổng hợp báo cáo: đã xử lý
/// 1.200/3.000 đơn vị…» is posted to the conversation and then edited in place as it moves on (Teams: the
/// Connector's UpdateActivity; web chat: the activity is replaced), and finally edited to say it is done; the
/// operation's own result still comes as the turn's reply. A channel that cannot edit gets no further updates
/// rather than a stream of messages. Progress never fails the operation: a send that fails only ends the updates.
/// </summary>
public sealed partial class ProgressMessages(IOutboundSender outbound, IOptions<ProgressOptions> options, TimeProvider clock, ILogger<ProgressMessages> logger)
{
    /// <param name="inbound">The activity of the turn, whose conversation is told.</param>
    /// <param name="doing">What is being done, «Đang tổng hợp báo cáo».</param>
    /// <param name="total">How many <paramref name="items"/> there are in all.</param>
    /// <param name="items">What is counted, «đơn vị».</param>
    public OperationProgress Start(Activity inbound, string doing, int total, string items) => new(this, inbound, doing, total, items);

    private IOutboundSender Outbound => outbound;
    private ProgressOptions Options => options.Value;
    private TimeProvider Clock => clock;
    private ILogger Logger => logger;

    public sealed class OperationProgress
    {
        private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

        private readonly ProgressMessages _owner;
        private readonly Activity _inbound;
        private readonly string _doing;
        private readonly int _total;
        private readonly string _items;
        private readonly long _started;
        private long _lastShown;
        private string? _messageId;
        private bool _stopped;

        internal OperationProgress(ProgressMessages owner, Activity inbound, string doing, int total, string items)
        {
            _owner = owner;
            _inbound = inbound;
            _doing = doing;
            _total = total;
            _items = items;
            _started = owner.Clock.GetTimestamp();
        }

        /// <summary>True once a progress message was posted.</summary>
        public bool Shown => _messageId is not null;

        /// <summary>Reports that <paramref name="done"/> of the total are done; posts or edits the message when it is time.</summary>
        public async Task ReportAsync(int done, CancellationToken cancellationToken)
        {
            if (_stopped)
                return;
            var clock = _owner.Clock;
            var options = _owner.Options;
            if (clock.GetElapsedTime(_started) < options.ShowAfter || (Shown && clock.GetElapsedTime(_lastShown) < options.UpdateEvery))
                return;
            _lastShown = clock.GetTimestamp();
            await ShowAsync(string.Create(Vietnamese, $"{_doing}: đã xử lý {done:N0}/{_total:N0} {_items}…"), cancellationToken);
        }

        /// <summary>Edits a posted progress message to its last words; nothing when none was posted (the operation was short).</summary>
        public async Task CompleteAsync(string text, CancellationToken cancellationToken)
        {
            if (!Shown || _stopped)
                return;
            await ShowAsync(text, cancellationToken);
            _stopped = true;
        }

        /// <summary>The usual last words: «Đã xử lý xong 3.000/3.000 đơn vị.»</summary>
        public Task CompleteAsync(CancellationToken cancellationToken) =>
            CompleteAsync(string.Create(Vietnamese, $"{_doing}: đã xử lý xong {_total:N0}/{_total:N0} {_items}."), cancellationToken);

        private async Task ShowAsync(string text, CancellationToken cancellationToken)
        {
            var message = _inbound.CreateReply(text);
            try
            {
                if (_messageId is null)
                {
                    _messageId = await _owner.Outbound.SendAsync(message, cancellationToken) ?? "";
                    // A channel that gave the message no id cannot have it edited: no further updates.
                    _stopped = _messageId.Length == 0;
                    return;
                }
                message.Id = _messageId;
                if (!await _owner.Outbound.UpdateAsync(message, cancellationToken))
                    _stopped = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _stopped = true;
                LogProgressFailed(_owner.Logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A progress message could not be sent or edited; the operation goes on without further updates")]
    private static partial void LogProgressFailed(ILogger logger, Exception exception);
}
