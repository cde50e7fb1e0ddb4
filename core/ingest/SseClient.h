#pragma once
// Keeps one live EventStreams (SSE) connection open: resume by Last-Event-ID, back-off with
// jitter, Retry-After, idle detection. Lives on the ingest thread; call start() there, because
// its QNetworkAccessManager is created lazily in start() so it belongs to that thread.

#include "ingest/SseParser.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace wt::ingest {

struct SseClientConfig {
    QUrl url;
    std::string initialLastEventId; // resume point for the first connect (sent verbatim)
    QDateTime since;                // first connect only: `since=<ISO 8601 UTC>` query item
    int minBackoffMs = 1000;        // also the base delay until the server sends `retry:`
    int maxBackoffMs = 60000;
    int idleTimeoutMs = 30000;  // no byte for this long: the connection is presumed dead
    int healthyAfterMs = 10000; // live this long (or one event received): back-off resets
    std::size_t maxEventBytes = 4u << 20;
    std::uint32_t jitterSeed = 0; // 0: random; tests fix it for repeatable delays
};

enum class ConnectionState { Idle, Connecting, Live, Reconnecting, Offline, Finished, Failed };
const char* connectionStateName(ConnectionState state);

// Delay ceiling of reconnect attempt `attempt` (0-based): base * 2^(attempt+1), capped.
int backoffCeilingMs(int attempt, int baseMs, int maxMs);
// Retry-After as delta-seconds or HTTP date, in ms from `now`; nullopt when unparsable.
std::optional<int> parseRetryAfterMs(const QByteArray& value, const QDateTime& now);
// Plain http is accepted only for loopback hosts; anything else must be https.
bool isAllowedStreamUrl(const QUrl& url);

class SseClient : public QObject {
    Q_OBJECT
public:
    explicit SseClient(SseClientConfig config, QObject* parent = nullptr);
    ~SseClient() override;

    std::uint64_t reconnects() const { return m_reconnects; }
    std::uint64_t oversizedSkipped() const { return m_parser.oversizedSkipped(); }
    std::uint64_t bytesReceived() const { return m_bytesReceived; }
    const std::string& lastEventId() const { return m_parser.lastEventId(); }
    ConnectionState state() const { return m_state; }

public slots:
    void start();
    void stop();

signals:
    // One signal per network chunk, never one per event.
    void messagesReceived(const std::vector<wt::ingest::SseMessage>& messages);
    // Reconnecting and Offline carry the delay until the next attempt in retryInMs (else 0).
    void stateChanged(wt::ingest::ConnectionState state, const QString& detail, int retryInMs);
    void finished();                         // the server answered 204, or stop() was called
    void fatalError(const QString& message); // a configuration problem: no more attempts

private:
    void connectNow();
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    void onRedirected(const QUrl& url);
    void onIdleCheck();
    bool checkResponse(); // false when the reply has been dealt with (error, retry, finish)
    void scheduleReconnect(ConnectionState state, const QString& reason,
                           std::optional<int> minDelayMs = std::nullopt);
    void fail(const QString& message);
    void closeReply();
    void setState(ConnectionState state, const QString& detail, int retryInMs = 0);
    int nextBackoffMs();
    void markHealthyIfDue();

    SseClientConfig m_config;
    SseParser m_parser;
    QNetworkAccessManager* m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    QTimer m_idleTimer;
    QElapsedTimer m_sinceLastByte;
    QElapsedTimer m_sinceLive;
    std::mt19937 m_rng;
    std::vector<SseMessage> m_batch;
    ConnectionState m_state = ConnectionState::Idle;
    std::uint64_t m_reconnects = 0;
    std::uint64_t m_bytesReceived = 0;
    std::uint64_t m_eventsThisConnection = 0;
    int m_attempt = 0;
    bool m_started = false;
    bool m_firstConnect = true;
    bool m_responseChecked = false;
    bool m_live = false;
    bool m_healthy = false;
};

} // namespace wt::ingest

Q_DECLARE_METATYPE(wt::ingest::ConnectionState)
Q_DECLARE_METATYPE(std::vector<wt::ingest::SseMessage>)
