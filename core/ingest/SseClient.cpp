#include "ingest/SseClient.h"

#include "Logging.h"
#include "wikitide/Version.h"

#include <QHostAddress>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimeZone>
#include <QUrlQuery>
#include <algorithm>

namespace wt::ingest {

using wt::lcSse;

namespace {

constexpr int kMaxRetryAfterMs = 3600 * 1000; // a server asking for more than an hour is capped
constexpr int kMaxRedirects = 10;

QString seconds(int ms)
{
    return QString::number(ms / 1000.0, 'f', ms < 10000 ? 1 : 0) + QStringLiteral(" s");
}

QString hostOf(const QUrl& url)
{
    return url.port() >= 0 ? url.host() + QLatin1Char(':') + QString::number(url.port())
                           : url.host();
}

} // namespace

const char* connectionStateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Idle:
        return "idle";
    case ConnectionState::Connecting:
        return "connecting";
    case ConnectionState::Live:
        return "live";
    case ConnectionState::Reconnecting:
        return "reconnecting";
    case ConnectionState::Offline:
        return "offline";
    case ConnectionState::Finished:
        return "finished";
    case ConnectionState::Failed:
        return "failed";
    }
    return "unknown";
}

int backoffCeilingMs(int attempt, int baseMs, int maxMs)
{
    long long ceiling = std::max(1, baseMs);
    for (int i = 0; i <= attempt && ceiling < maxMs; ++i)
        ceiling *= 2;
    return static_cast<int>(std::min<long long>(ceiling, maxMs));
}

std::optional<int> parseRetryAfterMs(const QByteArray& value, const QDateTime& now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qlonglong secs = text.toLongLong(&isNumber);
    if (isNumber && secs >= 0 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return static_cast<int>(std::min<qlonglong>(secs * 1000, kMaxRetryAfterMs));
    if (isNumber)
        return std::nullopt; // "-5", "+3": not delta-seconds
    // HTTP date (IMF-fixdate), e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    const QString str = QString::fromLatin1(text);
    QDateTime when = QDateTime::fromString(str, Qt::RFC2822Date);
    if (!when.isValid()) {
        when = QLocale::c().toDateTime(str, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
        when.setTimeZone(QTimeZone::utc());
    }
    if (!when.isValid())
        return std::nullopt;
    return static_cast<int>(std::clamp<qint64>(now.msecsTo(when), 0, kMaxRetryAfterMs));
}

bool isAllowedStreamUrl(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return true;
    if (scheme != QLatin1String("http"))
        return false;
    if (url.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(url.host());
    return !address.isNull() && address.isLoopback();
}

SseClient::SseClient(SseClientConfig config, QObject* parent)
    : QObject(parent), m_config(std::move(config)), m_parser(m_config.maxEventBytes),
      m_retryTimer(this), m_idleTimer(this),
      m_rng(m_config.jitterSeed ? m_config.jitterSeed : std::random_device{}())
{
    m_parser.setLastEventId(m_config.initialLastEventId);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &SseClient::connectNow);
    // A periodic check is cheaper than restarting a timer for every network chunk.
    m_idleTimer.setInterval(std::max(5, m_config.idleTimeoutMs / 8));
    connect(&m_idleTimer, &QTimer::timeout, this, &SseClient::onIdleCheck);
}

SseClient::~SseClient()
{
    closeReply();
}

void SseClient::start()
{
    if (m_started)
        return;
    if (!isAllowedStreamUrl(m_config.url)) {
        fail(QStringLiteral("refusing stream URL \"%1\": use https (plain http only for "
                            "127.0.0.1/localhost)")
                 .arg(m_config.url.toDisplayString()));
        return;
    }
    if (!m_network) {
        m_network = new QNetworkAccessManager(this); // created here: on the ingest thread
        m_network->setRedirectPolicy(QNetworkRequest::UserVerifiedRedirectPolicy);
    }
    m_started = true;
    connectNow();
}

void SseClient::stop()
{
    const bool wasActive = m_started;
    m_retryTimer.stop();
    closeReply();
    m_parser.finish();
    m_started = false;
    if (wasActive) {
        setState(ConnectionState::Finished, QStringLiteral("stopped"));
        emit finished();
    }
}

void SseClient::connectNow()
{
    closeReply(); // exactly one connection at a time
    if (!m_started)
        return;
    QUrl url = m_config.url;
    if (m_firstConnect && m_config.since.isValid()) {
        QUrlQuery query(url);
        query.removeAllQueryItems(QStringLiteral("since"));
        query.addQueryItem(QStringLiteral("since"), m_config.since.toUTC().toString(Qt::ISODate));
        url.setQuery(query);
    }
    if (!m_firstConnect)
        ++m_reconnects;
    m_firstConnect = false;

    QNetworkRequest request(url);
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray(wt::kUserAgent));
    if (!m_parser.lastEventId().empty())
        request.setRawHeader("Last-Event-ID", QByteArray::fromStdString(m_parser.lastEventId()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setMaximumRedirectsAllowed(kMaxRedirects);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    m_parser.resetStream();
    m_responseChecked = false;
    m_live = false;
    m_healthy = false;
    m_eventsThisConnection = 0;
    setState(ConnectionState::Connecting, QStringLiteral("connecting to %1").arg(hostOf(url)));

    QNetworkReply* reply = m_network->get(request);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &SseClient::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &SseClient::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &SseClient::onReplyFinished);
    connect(reply, &QNetworkReply::redirected, this, &SseClient::onRedirected);
    m_sinceLastByte.start();
    m_idleTimer.start();
}

void SseClient::onRedirected(const QUrl& url)
{
    if (!m_reply || sender() != m_reply)
        return;
    const QUrl from = m_reply->request().url();
    const QUrl target = from.resolved(url);
    if (!isAllowedStreamUrl(target)) {
        fail(QStringLiteral("refusing redirect from %1 to \"%2\" (https required)")
                 .arg(from.toDisplayString(), target.toDisplayString()));
        return;
    }
    qCInfo(lcSse) << "following redirect to" << target.toDisplayString();
    emit m_reply->redirectAllowed();
}

void SseClient::onMetaDataChanged()
{
    if (!m_reply || sender() != m_reply)
        return;
    m_sinceLastByte.restart();
    if (!m_responseChecked)
        checkResponse();
}

bool SseClient::checkResponse()
{
    const QVariant statusAttribute = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid())
        return true; // no HTTP answer (yet)
    const int status = statusAttribute.toInt();
    const bool replyDone = m_reply->isFinished();
    if (status >= 300 && status < 400 && !replyDone)
        return true; // a redirect is being followed
    m_responseChecked = true;
    const QString reason =
        m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const QString where = m_reply->url().toDisplayString();

    if (status == 204) {
        qCInfo(lcSse) << "server answered 204 No Content: the stream is over";
        closeReply();
        m_started = false;
        setState(ConnectionState::Finished, QStringLiteral("server answered 204: stream ended"));
        emit finished();
        return false;
    }
    if (status >= 200 && status < 300) {
        const QByteArray contentType = m_reply->rawHeader("Content-Type");
        const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
        if (mediaType != "text/event-stream") {
            fail(QStringLiteral("%1 answered with content type \"%2\", not text/event-stream: "
                                "is this an EventStreams URL?")
                     .arg(where, QString::fromLatin1(contentType)));
            return false;
        }
        m_live = true;
        m_sinceLive.start();
        qCInfo(lcSse) << "connected to" << where;
        setState(ConnectionState::Live,
                 QStringLiteral("connected to %1").arg(hostOf(m_reply->url())));
        return true;
    }
    if (status == 429 || status == 503) {
        const auto retryAfter =
            parseRetryAfterMs(m_reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        scheduleReconnect(ConnectionState::Reconnecting,
                          QStringLiteral("server answered %1 %2").arg(status).arg(reason),
                          retryAfter);
        return false;
    }
    if (status >= 300 && status < 500) {
        fail(QStringLiteral("%1 answered HTTP %2 %3: check the stream URL")
                 .arg(where)
                 .arg(status)
                 .arg(reason));
        return false;
    }
    scheduleReconnect(ConnectionState::Reconnecting,
                      QStringLiteral("server answered %1 %2").arg(status).arg(reason));
    return false;
}

void SseClient::onReadyRead()
{
    if (!m_reply || sender() != m_reply)
        return;
    if (!m_responseChecked && !checkResponse())
        return;
    const QByteArray bytes = m_reply->readAll();
    if (!m_live || bytes.isEmpty())
        return;
    m_sinceLastByte.restart();
    m_bytesReceived += std::uint64_t(bytes.size());
    m_parser.feed(std::string_view(bytes.constData(), std::size_t(bytes.size())), m_batch);
    if (m_batch.empty())
        return;
    m_eventsThisConnection += m_batch.size();
    markHealthyIfDue();
    emit messagesReceived(m_batch);
    m_batch.clear();
}

void SseClient::onReplyFinished()
{
    QNetworkReply* reply = m_reply;
    if (!reply || sender() != reply)
        return;
    if (!m_responseChecked && !checkResponse())
        return;
    if (!m_responseChecked) {
        scheduleReconnect(
            ConnectionState::Offline,
            QStringLiteral("cannot reach %1 (%2)").arg(hostOf(reply->url()), reply->errorString()));
        return;
    }
    if (reply->bytesAvailable() > 0)
        onReadyRead();
    if (m_reply != reply)
        return; // a receiver stopped us meanwhile
    const QString why = reply->error() == QNetworkReply::NoError
                            ? QStringLiteral("server closed the stream")
                            : QStringLiteral("stream dropped (%1)").arg(reply->errorString());
    scheduleReconnect(ConnectionState::Reconnecting, why);
}

void SseClient::onIdleCheck()
{
    if (!m_reply)
        return;
    markHealthyIfDue();
    if (m_sinceLastByte.elapsed() < m_config.idleTimeoutMs)
        return;
    const QString why = QStringLiteral("no data for %1").arg(seconds(m_config.idleTimeoutMs));
    scheduleReconnect(m_live ? ConnectionState::Reconnecting : ConnectionState::Offline,
                      m_live ? why : QStringLiteral("%1 from %2").arg(why, hostOf(m_reply->url())));
}

void SseClient::markHealthyIfDue()
{
    if (m_live && !m_healthy &&
        (m_eventsThisConnection > 0 || m_sinceLive.elapsed() >= m_config.healthyAfterMs)) {
        m_healthy = true;
        m_attempt = 0; // a working connection resets the back-off
    }
}

int SseClient::nextBackoffMs()
{
    const int base = std::clamp(m_parser.retryMs().value_or(m_config.minBackoffMs), 1,
                                std::max(1, m_config.maxBackoffMs));
    const int ceiling = backoffCeilingMs(m_attempt, base, std::max(base, m_config.maxBackoffMs));
    m_attempt = std::min(m_attempt + 1, 40);
    // Full jitter above the floor: many clients dropped at once do not return in step.
    return std::uniform_int_distribution<int>(base, std::max(base, ceiling))(m_rng);
}

void SseClient::scheduleReconnect(ConnectionState state, const QString& reason,
                                  std::optional<int> minDelayMs)
{
    closeReply();
    m_parser.finish();
    if (!m_started)
        return;
    int delay = nextBackoffMs();
    if (minDelayMs)
        delay = std::max(delay, *minDelayMs);
    m_retryTimer.start(delay);
    const QString detail = QStringLiteral("%1; reconnecting in %2").arg(reason, seconds(delay));
    // Routine: EventStreams drops connections every few minutes.
    qCInfo(lcSse).noquote() << detail;
    setState(state, detail, delay);
}

void SseClient::fail(const QString& message)
{
    m_retryTimer.stop();
    closeReply();
    m_started = false;
    qCWarning(lcSse).noquote() << message;
    setState(ConnectionState::Failed, message);
    emit fatalError(message);
}

void SseClient::closeReply()
{
    m_idleTimer.stop();
    m_live = false;
    if (QNetworkReply* reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        // Aborting inside one of the reply's own signals upsets QNetworkReply; one event-loop
        // turn later is safe, and always before the next connect (that waits for a timer).
        QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
        reply->deleteLater();
    }
}

void SseClient::setState(ConnectionState state, const QString& detail, int retryInMs)
{
    m_state = state;
    emit stateChanged(state, detail, retryInMs);
}

} // namespace wt::ingest
