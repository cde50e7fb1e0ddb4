#include "StatusLine.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>

#include "ChartLooks.h"
#include "Format.h"

namespace wt::ui {

namespace {
void setIfChanged(QLabel* label, const QString& text)
{
    if (label->text() != text)
        label->setText(text); // a label that keeps its text costs no relayout
}
} // namespace

StatusLine::StatusLine(QWidget* parent) : QWidget(parent)
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(fontMetrics().height());
    auto label = [this, row](const QString& name, const QString& tip, const QString& widest) {
        auto* l = new QLabel(this);
        l->setObjectName(name);
        l->setToolTip(tip);
        // Room for the widest expected text, so the bar does not jump as numbers change.
        l->setMinimumWidth(fontMetrics().horizontalAdvance(widest));
        row->addWidget(l);
        return l;
    };
    m_connection = label(QStringLiteral("statusConnection"), tr("Connection to the event source"),
                         QStringLiteral("Offline, retrying in 88 s"));
    m_rate = label(QStringLiteral("statusRate"), tr("Events received per second"),
                   QStringLiteral("Received 8,888.8/s"));
    m_lag = label(QStringLiteral("statusLag"), tr("Wall clock minus the newest event time"),
                  QStringLiteral("Lag 88 min 88 s"));
    m_last = label(QStringLiteral("statusLast"), tr("Time of the newest event"),
                   QStringLiteral("Replay time 8888-88-88 88:88:88 UTC, 88×"));
    m_kafka = label(QStringLiteral("statusKafka"), QString(), QStringLiteral("Kafka lag 888,888"));
    m_kafka->hide();
    m_storage = new QLabel(this);
    m_storage->setObjectName(QStringLiteral("statusStorage"));
    m_storage->setWordWrap(false);
    m_storage->hide();
    row->addWidget(m_storage, 1);
    row->addStretch();
    m_tick = new QTimer(this);
    m_tick->setInterval(250);
    connect(m_tick, &QTimer::timeout, this, &StatusLine::refreshConnection);
    refreshConnection();
}

void StatusLine::setConnectionState(ConnectionState state, const QString& detail, int retryInMs)
{
    m_state = state;
    m_detail = detail;
    m_hasRetry = retryInMs > 0;
    m_retry = QDeadlineTimer(m_hasRetry ? retryInMs : 0);
    if (m_hasRetry)
        m_tick->start();
    else
        m_tick->stop();
    refreshConnection();
    refreshClock();
}

void StatusLine::setPaused(bool paused)
{
    m_paused = paused;
    refreshConnection();
}

bool StatusLine::isReplay() const
{
    return m_state == ConnectionState::Replaying || m_state == ConnectionState::Finished ||
           (m_state == ConnectionState::Idle && m_guessedReplay);
}

void StatusLine::refreshConnection()
{
    QString text;
    if (m_state == ConnectionState::Idle && m_guessedReplay)
        text = describeConnection(ConnectionState::Replaying, {}, -1);
    else
        text = describeConnection(m_state, m_detail, m_hasRetry ? m_retry.remainingTime() : -1);
    if (m_paused)
        text += tr(" · view paused");
    setIfChanged(m_connection, text);
    if (m_hasRetry && m_retry.hasExpired())
        m_tick->stop();
}

void StatusLine::refreshClock()
{
    if (m_clockMs <= 0)
        return;
    if (isReplay()) {
        // Lag against the wall clock means nothing for an old recording: show where it is.
        const QString when = QDateTime::fromMSecsSinceEpoch(m_clockMs, Qt::UTC)
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        const bool speed = m_state == ConnectionState::Replaying && !m_detail.isEmpty();
        setIfChanged(m_last, speed ? tr("Replay time %1, %2×").arg(when, m_detail) : tr("Replay time %1").arg(when));
        m_last->setToolTip(tr("Event time reached by the replay"));
        m_lag->hide();
    } else {
        setIfChanged(m_lag, tr("Lag %1").arg(fmt::duration(m_snapshotWallMs - m_clockMs)));
        setIfChanged(m_last, tr("Last event %1").arg(fmt::clockTime(m_clockMs)));
        m_last->setToolTip(tr("Time of the newest event"));
        m_lag->show();
    }
}

void StatusLine::showSnapshot(const analytics::DashboardSnapshot& s)
{
    const std::uint64_t received = s.ingest.received;
    if (m_lastWallMs > 0 && s.wallMs > m_lastWallMs && received >= m_lastReceived) {
        const double rate = double(received - m_lastReceived) * 1000.0 / double(s.wallMs - m_lastWallMs);
        setIfChanged(m_rate, tr("Received %1").arg(fmt::rate(rate)));
    } else if (m_lastWallMs == 0) {
        setIfChanged(m_rate, tr("Received %1").arg(fmt::count(received)));
    }
    m_lastReceived = received;
    m_lastWallMs = s.wallMs;
    if (s.clockMs > 0) {
        m_clockMs = s.clockMs;
        m_snapshotWallMs = s.wallMs > 0 ? s.wallMs : QDateTime::currentMSecsSinceEpoch();
        const bool guessed = m_snapshotWallMs - m_clockMs > kReplayGuessLagMs;
        if (guessed != m_guessedReplay) {
            m_guessedReplay = guessed;
            refreshConnection();
        }
        refreshClock();
    }
}

void StatusLine::setKafkaLag(qint64 total, const QString& detail)
{
    if (total < 0) {
        m_kafka->hide();
        return;
    }
    setIfChanged(m_kafka, tr("Kafka lag %1").arg(fmt::count(std::uint64_t(total))));
    m_kafka->setToolTip(detail.isEmpty() ? tr("Messages not yet consumed, all partitions")
                                         : tr("Messages not yet consumed, per partition:\n%1").arg(detail));
    m_kafka->show();
}

void StatusLine::setStorageMessage(const QString& message)
{
    if (message.isEmpty()) {
        m_storage->clear();
        m_storage->hide();
        return;
    }
    QPalette pal = m_storage->palette();
    pal.setColor(QPalette::WindowText, looks::removals(palette()));
    m_storage->setPalette(pal);
    setIfChanged(m_storage, QStringLiteral("⚠ ") + tr("History is not being saved: %1").arg(message));
    m_storage->setToolTip(m_storage->text());
    m_storage->show();
}

QString StatusLine::connectionText() const { return m_connection->text(); }
QString StatusLine::rateText() const { return m_rate->text(); }
QString StatusLine::lagText() const { return m_lag->isHidden() ? QString() : m_lag->text(); }
QString StatusLine::lastEventText() const { return m_last->text(); }
QString StatusLine::kafkaText() const { return m_kafka->isHidden() ? QString() : m_kafka->text(); }
QString StatusLine::storageText() const { return m_storage->isHidden() ? QString() : m_storage->text(); }

} // namespace wt::ui
