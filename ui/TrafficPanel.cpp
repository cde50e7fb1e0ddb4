#include "TrafficPanel.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ChartLooks.h"

namespace wt::ui {

namespace {
// A "nice" axis maximum (1, 2, 5 x 10^n) so tick labels stay round.
double niceCeil(double v)
{
    if (v <= 0)
        return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (v <= m * p)
            return m * p;
    return 10 * p;
}

// Whole numbers unless the steps are fractions; a tick step that is itself round (1, 2, 5 x
// 10^n) and gives two to five steps up to top. Set only on change (each re-lays the chart).
void setTicks(QValueAxis* axis, double top, int maxSteps)
{
    double step = top;
    for (double d : {5.0, 4.0, 2.0}) {
        if (d > maxSteps)
            continue;
        const double candidate = top / d;
        const double p = std::pow(10.0, std::floor(std::log10(candidate)));
        const double m = candidate / p;
        if (std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 5) < 1e-9) {
            step = candidate;
            break;
        }
    }
    if (axis->tickInterval() != step)
        axis->setTickInterval(step);
    const QString format = step >= 1 ? QStringLiteral("%.0f") : QStringLiteral("%.1f");
    if (axis->labelFormat() != format)
        axis->setLabelFormat(format);
}

QLineSeries* line(QObject* parent)
{
    auto* s = new QLineSeries(parent);
    s->setPointsVisible(false);
    return s;
}

QAreaSeries* area(QChart* chart, const QString& name, QLineSeries* upper, QLineSeries* lower)
{
    auto* a = new QAreaSeries(upper, lower);
    a->setName(name);
    chart->addSeries(a);
    return a;
}
} // namespace

TrafficPanel::TrafficPanel(QWidget* parent) : QWidget(parent)
{
    auto* box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(0);

    m_rateChart = new QChart;
    m_zero = line(m_rateChart);
    m_human = line(m_rateChart);
    m_total = line(m_rateChart);
    // First, so the band lies under the traffic.
    m_historyTop = line(m_rateChart);
    m_historyBottom = line(m_rateChart);
    m_historyArea = area(m_rateChart, tr("from history"), m_historyTop, m_historyBottom);
    m_humanArea = area(m_rateChart, tr("Humans"), m_human, m_zero);
    m_botArea = area(m_rateChart, tr("Bots"), m_total, m_human);
    m_rateX = new QDateTimeAxis;
    m_rateY = new QValueAxis;
    m_rateY->setTitleText(tr("events/s"));
    m_rateY->setLabelFormat(QStringLiteral("%.3g"));
    m_rateChart->addAxis(m_rateX, Qt::AlignBottom);
    m_rateChart->addAxis(m_rateY, Qt::AlignLeft);
    for (auto* s : {m_historyArea, m_humanArea, m_botArea}) {
        s->attachAxis(m_rateX);
        s->attachAxis(m_rateY);
    }
    m_rateChart->legend()->setAlignment(Qt::AlignTop);

    m_bytesChart = new QChart;
    m_added = line(m_bytesChart);
    m_removed = line(m_bytesChart);
    // Both fill to zero (without a lower line an area fills to the bottom of the plot).
    m_addedZero = line(m_bytesChart);
    m_removedZero = line(m_bytesChart);
    m_addedArea = area(m_bytesChart, tr("Bytes added/s"), m_added, m_addedZero);
    m_removedArea = area(m_bytesChart, tr("Bytes removed/s"), m_removed, m_removedZero);
    m_bytesX = new QDateTimeAxis;
    m_bytesY = new QValueAxis;
    m_bytesY->setTitleText(tr("bytes/s"));
    m_bytesY->setLabelFormat(QStringLiteral("%.0f"));
    // Ticks at round steps from zero (0, 0.5, 1, ... not 0, 1.25, 2.5).
    for (QValueAxis* axis : {m_rateY, m_bytesY}) {
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0);
    }
    m_bytesChart->addAxis(m_bytesX, Qt::AlignBottom);
    m_bytesChart->addAxis(m_bytesY, Qt::AlignLeft);
    for (auto* s : {m_addedArea, m_removedArea}) {
        s->attachAxis(m_bytesX);
        s->attachAxis(m_bytesY);
    }
    m_bytesChart->legend()->setAlignment(Qt::AlignTop);

    m_rateView = new QChartView(m_rateChart, this);
    m_bytesView = new QChartView(m_bytesChart, this);
    for (auto* v : {m_rateView, m_bytesView}) {
        looks::prepareView(v, false); // step shapes: nothing to smooth
        v->setMinimumHeight(fontMetrics().height() * 6);
    }
    box->addWidget(m_rateView, 3);
    box->addWidget(m_bytesView, 2);
    applyLooks();
    setHistoryBand(0, 0, 0);
}

void TrafficPanel::applyLooks()
{
    const QPalette pal = palette();
    looks::applyTo(m_rateChart, pal);
    looks::applyTo(m_bytesChart, pal);
    auto paint = [](QAreaSeries* s, QColor c) {
        QColor fill = c;
        fill.setAlpha(170);
        s->setBrush(fill);
        QPen outline(c, 0); // cosmetic: a wide pen makes the raster engine stroke every step
        outline.setCosmetic(true);
        s->setPen(outline);
    };
    QColor band = pal.color(QPalette::WindowText);
    band.setAlpha(28);
    m_historyArea->setBrush(QBrush(band, Qt::BDiagPattern));
    m_historyArea->setPen(Qt::NoPen);
    paint(m_humanArea, looks::humans(pal));
    paint(m_botArea, looks::bots(pal));
    paint(m_addedArea, looks::additions(pal));
    paint(m_removedArea, looks::removals(pal));
}

void TrafficPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // Side by side in a wide, short dock (below the battlefield); stacked in a tall one.
    auto* box = static_cast<QBoxLayout*>(layout());
    const auto direction = width() >= height() * 2 ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (box->direction() != direction)
        box->setDirection(direction);
    const int em = fontMetrics().height();
    const bool side = direction == QBoxLayout::LeftToRight;
    // A time label needs about six ems; fewer ticks than fit, never "07:32:..." .
    const int rateTicks = std::clamp((side ? width() * 3 / 5 : width()) / (em * 7), 2, 9);
    const int bytesTicks = std::clamp((side ? width() * 2 / 5 : width()) / (em * 7), 2, 9);
    if (m_rateX->tickCount() != rateTicks)
        m_rateX->setTickCount(rateTicks);
    if (m_bytesX->tickCount() != bytesTicks)
        m_bytesX->setTickCount(bytesTicks);
}

bool TrafficPanel::showsHistoryBand() const { return m_historyArea->isVisible(); }

void TrafficPanel::setHistoryBand(double fromMs, double toMs, double top)
{
    const bool show = toMs > fromMs;
    if (show) {
        m_historyTop->replace({{fromMs, top}, {toMs, top}});
        m_historyBottom->replace({{fromMs, 0}, {toMs, 0}});
    }
    if (m_historyArea->isVisible() != show) {
        m_historyArea->setVisible(show);
        for (QLegendMarker* marker : m_rateChart->legend()->markers(m_historyArea))
            marker->setVisible(show);
    }
}

void TrafficPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyLooks();
    QWidget::changeEvent(event);
}

void TrafficPanel::showSnapshot(const analytics::DashboardSnapshot& s)
{
    const auto& points = s.traffic;
    const double stepS = std::max<std::int64_t>(s.trafficStepMs, 1) / 1000.0;
    const std::int64_t endMs = s.clockMs;
    const std::int64_t startMs = endMs - std::max<std::int64_t>(s.lookbackMs, 60000);

    // One output step per two pixel columns: average the steps that fall into it, so the
    // stacked areas keep their meaning (mean events/s over that span).
    const int width = std::max(50, int(m_rateChart->plotArea().width()) / 2);
    const std::size_t n = points.size();
    const std::size_t buckets = std::min<std::size_t>(n, std::size_t(width));
    QList<QPointF> zero, human, total, added, removed;
    for (auto* l : {&zero, &human, &total, &added, &removed})
        l->reserve(qsizetype(buckets) * 2);
    double maxRate = 0, maxBytes = 0;
    for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t from = b * n / buckets;
        const std::size_t to = std::max(from + 1, (b + 1) * n / buckets);
        double h = 0, bot = 0, add = 0, rem = 0;
        for (std::size_t i = from; i < to; ++i) {
            h += points[i].human;
            bot += points[i].bot;
            add += double(points[i].bytesAdded);
            rem += double(points[i].bytesRemoved);
        }
        const double span = double(to - from) * stepS;
        h /= span;
        bot /= span;
        add /= span;
        rem /= span;
        // Step shape: each bucket is flat from its first to its last step.
        const double x0 = double(points[from].timeMs);
        const double x1 = double(points[to - 1].timeMs) + stepS * 1000.0;
        for (double x : {x0, x1}) {
            zero.append({x, 0});
            human.append({x, h});
            total.append({x, h + bot});
            added.append({x, add});
            removed.append({x, -rem});
        }
        maxRate = std::max(maxRate, h + bot);
        maxBytes = std::max({maxBytes, add, rem});
    }
    // Bytes in a unit that keeps the axis labels short ("12", not "12000000").
    const double scale = maxBytes >= 1e6 ? 1e6 : (maxBytes >= 1e4 ? 1e3 : 1);
    if (scale != 1)
        for (QList<QPointF>* l : {&added, &removed})
            for (QPointF& p : *l)
                p.setY(p.y() / scale);
    if (scale != m_bytesScale) {
        m_bytesScale = scale;
        m_bytesY->setTitleText(scale == 1e6 ? tr("MB/s") : (scale == 1e3 ? tr("kB/s") : tr("bytes/s")));
    }
    m_zero->replace(zero);
    m_addedZero->replace(zero);
    m_removedZero->replace(zero);
    m_human->replace(human);
    m_total->replace(total);
    m_added->replace(added);
    m_removed->replace(removed);
    m_drawnPoints = int(human.size());

    const QDateTime from = QDateTime::fromMSecsSinceEpoch(startMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(std::max(endMs, startMs + 1000));
    const QString format = s.lookbackMs > 3 * 3600 * 1000 ? QStringLiteral("dd HH:mm")
                           : s.lookbackMs >= 30 * 60 * 1000 ? QStringLiteral("HH:mm")
                                                            : QStringLiteral("HH:mm:ss");
    for (QDateTimeAxis* axis : {m_rateX, m_bytesX}) {
        if (axis->format() != format)
            axis->setFormat(format);
        axis->setRange(from, to);
    }
    const double rateTop = niceCeil(maxRate * 1.05);
    m_rateY->setRange(0, rateTop);
    setTicks(m_rateY, rateTop, 5);
    const double bytesTop = niceCeil(maxBytes / scale * 1.05);
    m_bytesY->setRange(-bytesTop, bytesTop);
    setTicks(m_bytesY, bytesTop, 2);
    setHistoryBand(double(startMs), double(std::min(s.historyUntilMs, endMs)), rateTop);
}

} // namespace wt::ui
