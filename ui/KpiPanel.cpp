#include "KpiPanel.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "Format.h"

namespace wt::ui {

KpiPanel::KpiPanel(QWidget* parent) : QWidget(parent)
{
    m_grid = new QGridLayout(this);
    const int gap = fontMetrics().height() / 3;
    m_grid->setSpacing(gap);
    m_grid->setContentsMargins(gap, gap, gap, gap);
    addTile("events", tr("Events"), tr("Events in the lookback, after filters"), 0, 0);
    addTile("velocity", tr("Velocity now"), tr("Events per second over the last 10 s"), 0, 1);
    addTile("activeUsers", tr("Active users"), tr("Distinct users in the lookback"), 0, 2);
    addTile("newPages", tr("New pages"), tr("Pages created in the lookback"), 0, 3);
    addTile("botShare", tr("Bot share"), tr("Share of events made by bots"), 0, 4);
    addTile("bytesAdded", tr("Bytes added"), tr("Sum of positive size changes"), 1, 0);
    addTile("bytesRemoved", tr("Bytes removed"), tr("Sum of negative size changes"), 1, 1);
    addTile("bytesNet", tr("Net change"), tr("Bytes added minus bytes removed"), 1, 2);
    addTile("anonShare", tr("Anonymous share"), tr("Share of events by IP editors"), 1, 3);
    // The small counters share the last tile slot: they matter only when they are not zero.
    auto* counters = new QFrame(this);
    counters->setFrameShape(QFrame::StyledPanel);
    auto* row = new QGridLayout(counters);
    row->setContentsMargins(gap, gap, gap, gap);
    m_tiles.append(counters);
    const std::pair<const char*, QString> small[] = {
        {"late", tr("Late")}, {"rejected", tr("Rejected")}, {"dropped", tr("Dropped")}};
    const QString tips[] = {tr("Events older than the watermark: counted, not added"),
                            tr("Events the parser refused (bad JSON, missing fields, ...)"),
                            tr("Events a full queue had to drop")};
    for (int i = 0; i < 3; ++i) {
        auto* name = new QLabel(small[i].second, counters);
        auto* value = new QLabel(QStringLiteral("0"), counters);
        value->setObjectName(QStringLiteral("kpi_") + QLatin1String(small[i].first));
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        name->setToolTip(tips[i]);
        value->setToolTip(tips[i]);
        row->addWidget(name, i, 0);
        row->addWidget(value, i, 1);
        m_values.insert(QLatin1String(small[i].first), value);
    }
    updateFonts();
    relayout();
}

void KpiPanel::addTile(const QString& id, const QString& title, const QString& tip, int r, int c)
{
    auto* tile = new QFrame(this);
    tile->setFrameShape(QFrame::StyledPanel);
    tile->setToolTip(tip);
    auto* box = new QVBoxLayout(tile);
    const int gap = fontMetrics().height() / 3;
    box->setContentsMargins(gap * 2, gap / 2, gap * 2, gap / 2);
    box->setSpacing(0);
    auto* caption = new QLabel(title, tile);
    caption->setForegroundRole(QPalette::PlaceholderText);
    auto* value = new QLabel(QStringLiteral("–"), tile);
    value->setObjectName(QStringLiteral("kpi_") + id);
    value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* sub = new QLabel(tile);
    sub->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    sub->setForegroundRole(QPalette::PlaceholderText);
    box->addWidget(caption);
    box->addWidget(value);
    box->addWidget(sub);
    Q_UNUSED(r);
    Q_UNUSED(c);
    m_tiles.append(tile);
    m_values.insert(id, value);
    m_subs.insert(id, sub);
    m_bigLabels.append(value);
}

void KpiPanel::relayout()
{
    // One row across a wide window, two rows of five otherwise.
    const int columns = width() >= fontMetrics().height() * 90 ? int(m_tiles.size()) : 5;
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QWidget* tile : std::as_const(m_tiles))
        m_grid->removeWidget(tile);
    for (int c = 0; c < m_grid->columnCount(); ++c)
        m_grid->setColumnStretch(c, 0);
    for (int i = 0; i < m_tiles.size(); ++i)
        m_grid->addWidget(m_tiles[i], i / columns, i % columns);
    for (int c = 0; c < columns; ++c)
        m_grid->setColumnStretch(c, 1);
}

void KpiPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void KpiPanel::updateFonts()
{
    QFont big = font();
    big.setPointSizeF(font().pointSizeF() * 1.7);
    big.setBold(true);
    for (QLabel* label : std::as_const(m_bigLabels))
        label->setFont(big);
}

void KpiPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        updateFonts();
    QWidget::changeEvent(event);
}

void KpiPanel::set(const QString& id, const QString& value, const QString& sub)
{
    if (QLabel* label = m_values.value(id); label && label->text() != value)
        label->setText(value);
    if (QLabel* label = m_subs.value(id); label && label->text() != sub)
        label->setText(sub);
}

QString KpiPanel::subText(const QString& id) const
{
    const QLabel* label = m_subs.value(id);
    return label ? label->text() : QString();
}

QString KpiPanel::valueText(const QString& id) const
{
    const QLabel* label = m_values.value(id);
    return label ? label->text() : QString();
}

void KpiPanel::showSnapshot(const analytics::DashboardSnapshot& s)
{
    const auto& k = s.kpis;
    QString eventsSub = tr("in %1").arg(fmt::lookback(s.lookbackMs));
    if (s.historyEvents > 0)
        eventsSub += tr(" · %1 from history").arg(fmt::count(s.historyEvents));
    set("events", fmt::count(k.events), eventsSub);
    set("velocity", fmt::rate(k.velocityNow), tr("avg %1").arg(fmt::rate(k.velocityAvg)));
    set("activeUsers", fmt::count(k.activeUsers));
    set("newPages", fmt::count(k.newPages));
    set("botShare", fmt::share(k.bots, k.events), tr("%1 bot events").arg(fmt::count(k.bots)));
    set("bytesAdded", fmt::bytes(k.bytesAdded));
    set("bytesRemoved", fmt::bytes(k.bytesRemoved));
    set("bytesNet", fmt::signedBytes(k.bytesNet));
    set("anonShare", fmt::share(k.anonymous, k.events),
        tr("%1 temporary accounts").arg(fmt::count(k.temporary)));
    set("late", fmt::count(k.late));
    set("rejected", fmt::count(s.ingest.rejectedTotal()));
    set("dropped", fmt::count(s.ingest.dropped));
}

} // namespace wt::ui
