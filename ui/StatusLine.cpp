#include "StatusLine.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>

#include "Format.h"

namespace wt::ui {

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
                   QStringLiteral("Last event 88:88:88"));
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
}

void StatusLine::setPaused(bool paused)
{
    m_paused = paused;
    refreshConnection();
}

void StatusLine::refreshConnection()
{
    QString text = describeConnection(m_state, m_detail, m_hasRetry ? m_retry.remainingTime() : -1);
    if (m_paused)
        text += tr(" · view paused");
    if (m_connection->text() != text)
        m_connection->setText(text);
    if (m_hasRetry && m_retry.hasExpired())
        m_tick->stop();
}

void StatusLine::showSnapshot(const analytics::DashboardSnapshot& s)
{
    const std::uint64_t received = s.ingest.received;
    if (m_lastWallMs > 0 && s.wallMs > m_lastWallMs && received >= m_lastReceived) {
        const double rate = double(received - m_lastReceived) * 1000.0 / double(s.wallMs - m_lastWallMs);
        m_rate->setText(tr("Received %1").arg(fmt::rate(rate)));
    } else if (m_lastWallMs == 0) {
        m_rate->setText(tr("Received %1").arg(fmt::count(received)));
    }
    m_lastReceived = received;
    m_lastWallMs = s.wallMs;
    if (s.clockMs > 0) {
        m_lag->setText(tr("Lag %1").arg(fmt::duration(s.wallMs - s.clockMs)));
        m_last->setText(tr("Last event %1").arg(fmt::clockTime(s.clockMs)));
    }
}

QString StatusLine::connectionText() const { return m_connection->text(); }
QString StatusLine::rateText() const { return m_rate->text(); }
QString StatusLine::lagText() const { return m_lag->text(); }
QString StatusLine::lastEventText() const { return m_last->text(); }

} // namespace wt::ui
