#include "pipeline/HeadlessRunner.h"

#include "pipeline/IngestWorker.h"
#include "pipeline/ShutdownSignals.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QUrl>
#include <cmath>
#include <csignal>

namespace wt::pipeline {

using ingest::ConnectionState;
using ingest::IngestCounters;

namespace {

QString retryText(int ms)
{
    if (ms < 10000 && ms % 1000 != 0)
        return QString::number(ms / 1000.0, 'f', 1) + QStringLiteral(" s");
    return QString::number(std::lround(ms / 1000.0)) + QStringLiteral(" s");
}

QByteArray jsonString(const QString& s)
{
    QByteArray out = "\"";
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\') {
            out += '\\';
            out += char(u);
        } else if (u < 0x20) {
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0')).toLatin1();
        } else {
            out += QString(c).toUtf8();
        }
    }
    return out + '"';
}

} // namespace

HeadlessRunner::HeadlessRunner(Settings settings, std::FILE* out, std::FILE* err, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_out(out), m_err(err)
{
    m_reportTimer.setInterval(int(std::lround(m_settings.reportEverySeconds * 1000.0)));
    connect(&m_reportTimer, &QTimer::timeout, this, &HeadlessRunner::onReportTick);
}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::start()
{
    // This runner tells every connection state and error on stderr itself; the client's log
    // lines would say the same twice. QT_LOGGING_RULES still wins for debugging.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(
            QStringLiteral("wikitide.ingest.sse.info=false\nwikitide.ingest.sse.warning=false"));
    m_signals = std::make_unique<ShutdownSignals>();
    connect(m_signals.get(), &ShutdownSignals::received, this, [this](int signo) {
        if (m_done)
            return;
        say(QStringLiteral("%1 received, stopping")
                .arg(signo == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM")));
        finish(QStringLiteral("stopped"), 0);
    });

    m_worker = std::make_unique<IngestWorker>(m_settings.ingestConfig());
    connect(m_worker.get(), &IngestWorker::countersReady, this, &HeadlessRunner::onCounters);
    connect(m_worker.get(), &IngestWorker::stateChanged, this, &HeadlessRunner::onState);
    connect(m_worker.get(), &IngestWorker::warning, this,
            [this](const QString& m) { say(QStringLiteral("warning: ") + m); });
    connect(m_worker.get(), &IngestWorker::finished, this,
            [this] { finish(QStringLiteral("finished"), 0); });
    connect(m_worker.get(), &IngestWorker::fatalError, this, [this](const QString& m) {
        say(QStringLiteral("error: ") + m);
        finish(QStringLiteral("failed"), 1);
    });
    if (m_settings.replayFile.isEmpty())
        say(QStringLiteral("connecting to %1").arg(m_settings.streamUrl));
    m_sinceStart.start();
    m_sinceReport.start();
    m_reportTimer.start();
    m_worker->start();
}

void HeadlessRunner::onReportTick()
{
    m_reportPending = true;
    m_worker->requestCounters();
}

void HeadlessRunner::onCounters(const IngestCounters& c)
{
    if (!m_reportPending || m_done)
        return;
    m_reportPending = false;
    const double seconds = std::max(1e-3, m_sinceReport.nsecsElapsed() / 1e9);
    const double rate = double(c.parsed - std::min(c.parsed, m_parsedAtReport)) / seconds;
    m_sinceReport.restart();
    m_parsedAtReport = c.parsed;
    writeLine("report", c, rate, m_state);
}

void HeadlessRunner::onState(ConnectionState state, const QString& detail, int retryInMs)
{
    if (m_done)
        return; // stopping: the client's own "stopped" is no news
    const bool replay = !m_settings.replayFile.isEmpty();
    m_state = replay && state == ConnectionState::Live
                  ? QStringLiteral("replaying")
                  : QString::fromLatin1(ingest::connectionStateName(state)).toLower();
    if (replay)
        return; // a replay's state shows in the report lines; nothing to tell on stderr
    // The client's detail ends with its own "; reconnecting in …": say it once, our way.
    const QString reason = detail.section(QStringLiteral("; reconnecting in"), 0, 0);
    switch (state) {
    case ConnectionState::Offline:
    case ConnectionState::Reconnecting:
        say(QStringLiteral("%1: %2, retrying in %3")
                .arg(m_state, reason, retryText(std::max(0, retryInMs))));
        break;
    case ConnectionState::Live:
    case ConnectionState::Finished:
        say(QStringLiteral("%1: %2").arg(m_state, reason));
        break;
    case ConnectionState::Failed:     // told by fatalError as "error: …"
    case ConnectionState::Connecting: // every attempt; the outcome is what matters
    case ConnectionState::Idle:
        break;
    }
}

void HeadlessRunner::finish(const QString& state, int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    m_reportTimer.stop();
    const IngestCounters c = m_worker ? m_worker->stop() : IngestCounters{};
    const double seconds = std::max(1e-3, m_sinceStart.nsecsElapsed() / 1e9);
    writeLine("final", c, double(c.parsed) / seconds, state);
    emit done(exitCode);
}

void HeadlessRunner::writeLine(const char* type, const IngestCounters& c, double eventsPerSecond,
                               const QString& state)
{
    QByteArray line;
    line.reserve(512);
    line += "{\"type\":\"";
    line += type;
    line += "\",\"time\":";
    line += jsonString(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    line += ",\"received\":" + QByteArray::number(qulonglong(c.received));
    line += ",\"parsed\":" + QByteArray::number(qulonglong(c.parsed));
    line += ",\"rejected\":{";
    for (std::size_t i = 0; i < c.rejected.size(); ++i) {
        if (i)
            line += ',';
        line += '"';
        line += ingest::rejectReasonName(ingest::RejectReason(i));
        line += "\":" + QByteArray::number(qulonglong(c.rejected[i]));
    }
    line += "},\"rejected_total\":" + QByteArray::number(qulonglong(c.rejectedTotal()));
    line += ",\"canary\":" + QByteArray::number(qulonglong(c.canary));
    line += ",\"duplicates\":" + QByteArray::number(qulonglong(c.duplicates));
    line += ",\"reconnects\":" + QByteArray::number(qulonglong(c.reconnects));
    line += ",\"dropped\":" + QByteArray::number(qulonglong(c.dropped));
    line += ",\"events_per_s\":" +
            QByteArray::number(std::round(eventsPerSecond * 10.0) / 10.0, 'f', 1);
    line += ",\"state\":" + jsonString(state);
    line += "}\n";
    std::fwrite(line.constData(), 1, std::size_t(line.size()), m_out);
    std::fflush(m_out); // one line at a time, also through a pipe
}

void HeadlessRunner::say(const QString& line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), m_err);
    std::fflush(m_err);
}

} // namespace wt::pipeline
