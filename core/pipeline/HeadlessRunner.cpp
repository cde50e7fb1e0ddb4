#include "pipeline/HeadlessRunner.h"

#include "alert/Alert.h"
#include "export/CsvExporter.h"
#include "pipeline/Engine.h"
#include "pipeline/ReportLine.h"
#include "pipeline/ShutdownSignals.h"

#include <QDateTime>
#include <QLoggingCategory>
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

constexpr int kReplayingState = 7;

} // namespace

HeadlessRunner::HeadlessRunner(Settings settings, QVariantList alertRules, std::FILE* out,
                               std::FILE* err, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_alertRules(std::move(alertRules)),
      m_out(out), m_err(err)
{
    m_reportTimer.setInterval(int(std::lround(m_settings.reportEverySeconds * 1000.0)));
    connect(&m_reportTimer, &QTimer::timeout, this, &HeadlessRunner::onReportTick);
    connect(&m_exportTimer, &QTimer::timeout, this, &HeadlessRunner::onExportTick);
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

    m_engine = std::make_unique<Engine>(m_settings, m_alertRules);
    Engine* e = m_engine.get();
    connect(e, &Engine::connectionStateChanged, this, &HeadlessRunner::onState);
    connect(e, &Engine::notice, this, [this](const QString& m) { say(m); });
    connect(e, &Engine::warning, this,
            [this](const QString& m) { say(QStringLiteral("warning: ") + m); });
    connect(e, &Engine::storageError, this,
            [this](const QString& m) { say(QStringLiteral("storage: ") + m); });
    connect(e, &Engine::kafkaStateChanged, this,
            [this](const QString& side, const QString& state, const QString& m) {
                say(QStringLiteral("kafka %1: %2%3")
                        .arg(side, state, m.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m)));
            });
    connect(e, &Engine::alertRaised, this, [this](const alert::Alert& a) {
        if (m_done)
            return;
        const QByteArray line = alert::alertToJsonLine(a) + '\n';
        std::fwrite(line.constData(), 1, std::size_t(line.size()), m_out);
        std::fflush(m_out);
    });
    connect(e, &Engine::alertRulesRejected, this, [this](const QStringList& errors) {
        for (const QString& m : errors)
            say(QStringLiteral("alert rule skipped: ") + m);
    });
    connect(e, &Engine::keywordRejected, this, [this](const QString& p, const QString& why) {
        say(QStringLiteral("keyword %1 refused: %2").arg(p, why));
    });
    connect(e, &Engine::sourceFinished, this, &HeadlessRunner::onSourceFinished,
            Qt::QueuedConnection);
    connect(e, &Engine::fatalError, this, [this](const QString& m) {
        say(QStringLiteral("error: ") + m);
        finish(QStringLiteral("failed"), 1);
    });
    if (m_settings.replayFile.isEmpty() &&
        !(m_settings.kafkaEnabled() && m_settings.role == KafkaRole::Dashboard))
        say(QStringLiteral("connecting to %1").arg(m_settings.streamUrl));
    m_sinceStart.start();
    m_sinceReport.start();
    QString error;
    if (!e->start(&error)) {
        say(QStringLiteral("error: ") + error);
        finish(QStringLiteral("failed"), 1);
        return;
    }
    m_reportTimer.start();
    if (!m_settings.exportDir.isEmpty() && m_settings.exportEverySeconds > 0) {
        m_exportTimer.start(int(std::lround(m_settings.exportEverySeconds * 1000.0)));
    }
}

void HeadlessRunner::onReportTick()
{
    if (m_done || !m_engine)
        return;
    const IngestCounters c = m_engine->ingestCounters();
    const double seconds = std::max(1e-3, m_sinceReport.nsecsElapsed() / 1e9);
    const double rate = double(c.parsed - std::min(c.parsed, m_parsedAtReport)) / seconds;
    m_sinceReport.restart();
    m_parsedAtReport = c.parsed;
    const auto snapshot = m_engine->latestSnapshot();
    writeLine("report", c, rate, m_state, snapshot.get());
}

void HeadlessRunner::onExportTick()
{
    if (m_done || !m_engine)
        return;
    if (const auto snapshot = m_engine->latestSnapshot())
        exportSnapshot(*snapshot);
}

void HeadlessRunner::exportSnapshot(const analytics::DashboardSnapshot& snapshot)
{
    const exporter::ExportResult r = exporter::CsvExporter::write(snapshot, m_settings.exportDir);
    if (r.ok)
        say(QStringLiteral("exported %1").arg(r.folder));
    else
        say(QStringLiteral("export failed: %1").arg(r.error));
}

void HeadlessRunner::onState(int state, const QString& detail, int retryInMs)
{
    if (m_done)
        return; // stopping: the client's own "stopped" is no news
    const bool replay = !m_settings.replayFile.isEmpty();
    if (state == kReplayingState) {
        m_state = QStringLiteral("replaying");
        return;
    }
    m_state = QString::fromLatin1(ingest::connectionStateName(ConnectionState(state))).toLower();
    if (replay)
        return; // a replay's state shows in the report lines; nothing to tell on stderr
    // The client's detail ends with its own "; reconnecting in …": say it once, our way.
    const QString reason = detail.section(QStringLiteral("; reconnecting in"), 0, 0);
    switch (ConnectionState(state)) {
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

void HeadlessRunner::onSourceFinished()
{
    if (m_done)
        return;
    // The end of a recording: every batch reaches analytics (through Kafka when asked), every
    // open minute closes and is stored, then the final snapshot is exported and reported.
    const analytics::DashboardSnapshotPtr last = m_engine->drain();
    if (last && !m_settings.exportDir.isEmpty())
        exportSnapshot(*last);
    finish(QStringLiteral("finished"), 0, last);
}

void HeadlessRunner::finish(const QString& state, int exitCode,
                            analytics::DashboardSnapshotPtr finalSnapshot)
{
    if (m_done)
        return;
    m_done = true;
    m_reportTimer.stop();
    m_exportTimer.stop();
    IngestCounters c;
    if (m_engine) {
        if (!finalSnapshot)
            finalSnapshot = m_engine->latestSnapshot();
        m_engine->stop();
        c = m_engine->ingestCounters();
    }
    const double seconds = std::max(1e-3, m_sinceStart.nsecsElapsed() / 1e9);
    writeLine("final", c, double(c.parsed) / seconds, state, finalSnapshot.get());
    emit done(exitCode);
}

void HeadlessRunner::writeLine(const char* type, const IngestCounters& c, double eventsPerSecond,
                               const QString& state, const analytics::DashboardSnapshot* snapshot)
{
    ReportInput in;
    in.type = type;
    in.wallMs = QDateTime::currentMSecsSinceEpoch();
    in.ingest = c;
    in.eventsPerSecond = eventsPerSecond;
    in.state = state;
    in.snapshot = snapshot;
    if (m_engine) {
        in.alerts = m_engine->alertsRaised();
        if (m_settings.kafkaEnabled()) {
            if (m_settings.role != KafkaRole::Dashboard)
                in.sink = m_engine->sinkCounters();
            if (m_settings.role != KafkaRole::Ingest) {
                in.source = m_engine->sourceCounters();
                in.lag = m_engine->kafkaLag();
            }
        }
    }
    const QByteArray line = reportLine(in);
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
