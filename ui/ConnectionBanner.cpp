#include "ConnectionBanner.h"

#include <QEvent>
#include <QFileInfo>
#include <QRegularExpression>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

#include "ChartLooks.h"

namespace wt::ui {

ConnectionBanner::ConnectionBanner(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("connectionBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto* row = new QHBoxLayout(this);
    const int gap = fontMetrics().height() / 2;
    row->setContentsMargins(gap, gap / 2, gap, gap / 2);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_sample = new QPushButton(tr("Open the sample recording"), this);
    m_retryNow = new QPushButton(tr("Try again now"), this);
    row->addWidget(m_text, 1);
    row->addWidget(m_retryNow);
    row->addWidget(m_sample);
    m_tick = new QTimer(this);
    m_tick->setInterval(250);
    connect(m_tick, &QTimer::timeout, this, &ConnectionBanner::refresh);
    connect(m_sample, &QPushButton::clicked, this, [this] { emit openSampleRequested(m_samplePath); });
    connect(m_retryNow, &QPushButton::clicked, this, &ConnectionBanner::retryRequested);
    applyLooks();
    hide();
}

void ConnectionBanner::applyLooks()
{
    // A tint of the removal colour over the window colour: visible in light and dark themes.
    QPalette pal = palette();
    const QColor base = pal.color(QPalette::Window);
    const QColor tint = looks::removals(pal);
    const QColor mixed = QColor::fromRgbF(base.redF() * 0.8f + tint.redF() * 0.2f,
                                          base.greenF() * 0.8f + tint.greenF() * 0.2f,
                                          base.blueF() * 0.8f + tint.blueF() * 0.2f);
    pal.setColor(QPalette::Window, mixed);
    setPalette(pal);
}

void ConnectionBanner::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::ApplicationPaletteChange) {
        setPalette(QPalette());
        applyLooks();
    }
    QFrame::changeEvent(event);
}

void ConnectionBanner::setConnectionState(ConnectionState state, const QString& detail, int retryInMs)
{
    // The client's detail ends with its own "reconnecting in N s" as of when it was sent; the
    // banner shows a live countdown instead, so drop the stale one.
    static const QRegularExpression staleCountdown(
        QStringLiteral("[;,]\\s*(reconnecting|retrying) in [0-9.]+\\s*m?s\\.?$"));
    m_state = state;
    m_detail = QString(detail).remove(staleCountdown);
    m_hasRetry = retryInMs > 0;
    m_retry = QDeadlineTimer(m_hasRetry ? retryInMs : 0);
    if (state == ConnectionState::Live)
        m_everLive = true;
    if (state == ConnectionState::Offline || state == ConnectionState::Failed)
        m_everLive = false;
    refresh();
}

void ConnectionBanner::setSamplePath(const QString& path)
{
    m_samplePath = path;
    refresh();
}

QString ConnectionBanner::text() const { return m_text->text(); }

void ConnectionBanner::refresh()
{
    // A routine reconnect after being live is not worth a banner; never having got through is.
    const bool show = m_state == ConnectionState::Offline || m_state == ConnectionState::Failed ||
                      (m_state == ConnectionState::Reconnecting && !m_everLive);
    setVisible(show);
    if (!show) {
        m_tick->stop();
        return;
    }
    QString text = tr("The live Wikimedia stream cannot be reached right now.");
    if (!m_detail.isEmpty())
        text += QLatin1Char(' ') + tr("(%1)").arg(m_detail);
    if (m_hasRetry) {
        const qint64 left = std::max<qint64>(0, m_retry.remainingTime());
        text += QLatin1Char(' ') + tr("Trying again in %1 s.").arg((left + 999) / 1000);
    } else if (m_state == ConnectionState::Failed) {
        text += QLatin1Char(' ') + tr("It will not retry by itself.");
    }
    const bool haveSample = !m_samplePath.isEmpty() && QFileInfo::exists(m_samplePath);
    if (haveSample)
        text += QLatin1Char(' ') + tr("You can watch a bundled recording meanwhile.");
    m_sample->setVisible(haveSample);
    if (m_text->text() != text)
        m_text->setText(text);
    if (m_hasRetry && !m_tick->isActive())
        m_tick->start();
    else if (!m_hasRetry)
        m_tick->stop();
}

} // namespace wt::ui
