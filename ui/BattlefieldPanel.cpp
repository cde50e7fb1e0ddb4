#include "BattlefieldPanel.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGuiApplication>
#include <QMouseEvent>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QScatterSeries>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "ChartLooks.h"
#include "Format.h"
#include "ScatterLayer.h"
#include "WikimediaUrl.h"
#include "event/EditEvent.h"

namespace wt::ui {

namespace {
int sizeBucket(std::int32_t delta)
{
    const std::int64_t a = std::abs(std::int64_t(delta));
    return a < 500 ? 0 : (a < 10000 ? 1 : 2);
}
int colorOf(std::int32_t delta) { return delta > 0 ? 0 : (delta < 0 ? 1 : 2); }
} // namespace

double BattlefieldPanel::symlog(double d)
{
    return d >= 0 ? std::log10(1.0 + d) : -std::log10(1.0 - d);
}

bool BattlefieldPanel::openGlAvailable()
{
    const QString platform = QGuiApplication::platformName();
    if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal"))
        return false;
    QOffscreenSurface surface;
    surface.create();
    if (!surface.isValid())
        return false;
    QOpenGLContext context;
    if (!context.create() || !context.makeCurrent(&surface))
        return false;
    context.doneCurrent();
    return true;
}

BattlefieldPanel::BattlefieldPanel(bool allowOpenGl, QWidget* parent) : QChartView(parent)
{
    m_openGl = allowOpenGl && openGlAvailable();
    // Enough to read the shape of the stream; what a pixel cannot show is dropped first.
    m_maxPoints = 2000;
    auto* chart = new QChart;
    chart->legend()->hide();
    setChart(chart);
    // Markers are pre-rendered with antialiasing; the rest is axis-aligned (OpenGL smooths its own).
    looks::prepareView(this, false);
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);

    m_x = new QDateTimeAxis;
    m_x->setFormat(QStringLiteral("HH:mm:ss"));
    m_x->setTickCount(7);
    m_y = new QCategoryAxis;
    m_y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_y->setTitleText(tr("size change (log)"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    if (m_openGl) {
        for (int c = 0; c < kColors; ++c)
            for (int s = 0; s < kSizes; ++s) {
                if (c == 2 && s > 0)
                    continue; // a zero change has no size
                auto* series = new QScatterSeries;
                series->setMarkerShape(QScatterSeries::MarkerShapeCircle);
                series->setUseOpenGL(true);
                chart->addSeries(series);
                series->attachAxis(m_x);
                series->attachAxis(m_y);
                m_series[c][s] = series;
            }
    } else {
        m_layer = new ScatterLayer(chart);
        // An empty series holds the axes' domain, so the time axis draws its labels.
        auto* anchor = new QScatterSeries;
        chart->addSeries(anchor);
        anchor->attachAxis(m_x);
        anchor->attachAxis(m_y);
    }
    updateYAxis(4);
    applyLooks();
    setMinimumSize(fontMetrics().height() * 16, fontMetrics().height() * 8);
}

void BattlefieldPanel::applyLooks()
{
    const QPalette pal = palette();
    looks::applyTo(chart(), pal);
    const QColor colors[kColors] = {looks::additions(pal), looks::removals(pal), looks::neutral(pal)};
    const double h = fontMetrics().height();
    const double sizes[kSizes] = {std::max(4.0, h * 0.35), h * 0.6, h * 1.0};
    if (m_layer) {
        std::vector<ScatterLayer::Marker> markers;
        for (int c = 0; c < kColors; ++c)
            for (int s = 0; s < kSizes; ++s) {
                QColor fill = colors[c];
                fill.setAlpha(s == 0 ? 210 : 150);
                markers.push_back({fill, sizes[s]});
            }
        m_layer->setMarkers(markers);
    }
    for (int c = 0; c < kColors; ++c)
        for (int s = 0; s < kSizes; ++s)
            if (QScatterSeries* series = m_series[c][s]) {
                QColor fill = colors[c];
                fill.setAlpha(s == 0 ? 210 : 150);
                series->setColor(fill);
                series->setBorderColor(fill);
                series->setPen(Qt::NoPen);
                series->setMarkerSize(sizes[s]);
            }
}

void BattlefieldPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyLooks();
    QChartView::changeEvent(event);
}

void BattlefieldPanel::updateYAxis(int decades)
{
    if (decades == m_decades)
        return;
    m_decades = decades;
    for (const QString& label : m_y->categoriesLabels())
        m_y->remove(label);
    m_y->setStartValue(-decades);
    static const char* const names[] = {"1", "10", "100", "1k", "10k", "100k", "1M", "10M", "100M"};
    for (int k = decades; k >= 1; --k)
        m_y->append(QChar(0x2212) + QLatin1String(names[k]), symlog(-std::pow(10.0, k)));
    m_y->append(QStringLiteral("0"), 0);
    for (int k = 1; k <= decades; ++k)
        m_y->append(QLatin1Char('+') + QLatin1String(names[k]), symlog(std::pow(10.0, k)));
    m_y->setRange(-decades, decades);
}

void BattlefieldPanel::showSnapshot(const analytics::DashboardSnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    const auto& recent = snapshot->recent;
    std::int64_t newest = snapshot->clockMs, oldest = newest - 60000;
    std::int32_t maxAbs = 1000;
    for (const auto& e : recent) {
        oldest = std::min(oldest, e.timeMs);
        newest = std::max(newest, e.timeMs);
        maxAbs = std::max(maxAbs, std::abs(e.delta));
    }
    const int decades = std::clamp(int(std::ceil(std::log10(double(maxAbs) + 1))), 3, 8);
    m_xMin = double(oldest);
    m_xMax = double(std::max(newest, oldest + 1000));

    // Keep one edit per few-pixel cell (the biggest change wins), then the biggest up to the cap:
    // what a pixel cannot show is not handed to the chart.
    const QRectF plot = chart()->plotArea();
    const int cols = std::max(50, int(plot.width()) / 3);
    const int rows = std::max(20, int(plot.height()) / 3);
    std::vector<int> cell(std::size_t(cols) * std::size_t(rows), -1);
    std::vector<int> kept;
    kept.reserve(std::min<std::size_t>(recent.size(), std::size_t(m_maxPoints) * 2));
    const double span = m_xMax - m_xMin;
    for (int i = int(recent.size()) - 1; i >= 0; --i) {
        const auto& e = recent[std::size_t(i)];
        const int cx = std::clamp(int((double(e.timeMs) - m_xMin) / span * (cols - 1)), 0, cols - 1);
        const double y = (symlog(e.delta) + decades) / (2.0 * decades);
        const int cy = std::clamp(int(y * (rows - 1)), 0, rows - 1);
        int& slot = cell[std::size_t(cy) * std::size_t(cols) + std::size_t(cx)];
        if (slot < 0) {
            slot = int(kept.size());
            kept.push_back(i);
        } else if (std::abs(e.delta) > std::abs(recent[std::size_t(kept[std::size_t(slot)])].delta)) {
            kept[std::size_t(slot)] = i;
        }
    }
    if (int(kept.size()) > m_maxPoints) {
        std::nth_element(kept.begin(), kept.begin() + m_maxPoints, kept.end(), [&](int a, int b) {
            return std::abs(recent[std::size_t(a)].delta) > std::abs(recent[std::size_t(b)].delta);
        });
        kept.resize(std::size_t(m_maxPoints));
    }

    m_drawn.clear();
    m_drawn.reserve(kept.size());
    updateYAxis(decades);
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(m_xMin)),
                  QDateTime::fromMSecsSinceEpoch(qint64(m_xMax)));
    if (m_layer) {
        std::vector<ScatterLayer::Point> points;
        points.reserve(kept.size());
        for (int i : kept) {
            const auto& e = recent[std::size_t(i)];
            const double y = symlog(e.delta);
            const int style = colorOf(e.delta) * kSizes + (e.delta == 0 ? 0 : sizeBucket(e.delta));
            points.push_back({double(e.timeMs), y, quint8(style)});
            m_drawn.push_back({double(e.timeMs), y, i});
        }
        m_layer->setPoints(std::move(points), m_xMin, m_xMax, -decades, decades);
        return;
    }
    QList<QPointF> points[kColors][kSizes];
    for (int i : kept) {
        const auto& e = recent[std::size_t(i)];
        const QPointF p(double(e.timeMs), symlog(e.delta));
        points[colorOf(e.delta)][e.delta == 0 ? 0 : sizeBucket(e.delta)].append(p);
        m_drawn.push_back({p.x(), p.y(), i});
    }
    for (int c = 0; c < kColors; ++c)
        for (int s = 0; s < kSizes; ++s)
            if (m_series[c][s])
                m_series[c][s]->replace(points[c][s]);
}

QPointF BattlefieldPanel::chartPosOf(double x, double y) const
{
    // The same linear map for both renderers: the plot area and the axis ranges set above.
    const QRectF plot = chart()->plotArea();
    return {plot.left() + (x - m_xMin) / (m_xMax - m_xMin) * plot.width(),
            plot.bottom() - (y + m_decades) / (2.0 * m_decades) * plot.height()};
}

QPoint BattlefieldPanel::viewportPosOfDrawn(int drawnIndex) const
{
    const Drawn& d = m_drawn[std::size_t(drawnIndex)];
    return mapFromScene(chart()->mapToScene(chartPosOf(d.x, d.y)));
}

int BattlefieldPanel::editAt(const QPoint& viewportPos) const
{
    if (m_drawn.empty() || m_decades <= 0)
        return -1;
    const QRectF plot = chart()->plotArea();
    if (plot.width() <= 0 || plot.height() <= 0)
        return -1;
    const QPointF at = chart()->mapFromScene(mapToScene(viewportPos));
    // Work in pixels, so "near" means the same on both axes.
    const double radius = fontMetrics().height() * 0.75;
    double best = radius * radius;
    int found = -1;
    for (const Drawn& d : m_drawn) {
        const QPointF p = chartPosOf(d.x, d.y);
        const double dx = p.x() - at.x();
        const double dy = p.y() - at.y();
        const double dist = dx * dx + dy * dy;
        if (dist <= best) {
            best = dist;
            found = d.recent;
        }
    }
    return found;
}

QUrl BattlefieldPanel::diffUrlOf(int recentIndex) const
{
    if (!m_snapshot || recentIndex < 0 || recentIndex >= int(m_snapshot->recent.size()))
        return {};
    const QUrl u(QString::fromStdString(m_snapshot->recent[std::size_t(recentIndex)].diffUrl),
                 QUrl::StrictMode);
    return url::isWikimedia(u) ? u : QUrl();
}

QString BattlefieldPanel::describe(int recentIndex) const
{
    if (!m_snapshot || recentIndex < 0 || recentIndex >= int(m_snapshot->recent.size()))
        return {};
    const auto& e = m_snapshot->recent[std::size_t(recentIndex)];
    QString title = QString::fromStdString(e.title);
    if (!e.label.empty())
        title += QStringLiteral(" — ") + QString::fromStdString(e.label);
    const bool bot = (e.flags & event::Flag::Bot) != 0;
    QString text = tr("%1 · %2\n%3%4 · %5 · %6")
                       .arg(QString::fromStdString(e.wiki), title, QString::fromStdString(e.user),
                            bot ? tr(" (bot)") : QString(), fmt::signedBytes(e.delta),
                            fmt::clockTime(e.timeMs));
    if (diffUrlOf(recentIndex).isValid())
        text += tr("\nClick to open the diff");
    return text;
}

void BattlefieldPanel::mouseMoveEvent(QMouseEvent* event)
{
    const int hit = editAt(event->position().toPoint());
    if (hit >= 0) {
        QToolTip::showText(event->globalPosition().toPoint(), describe(hit), this);
        viewport()->setCursor(diffUrlOf(hit).isValid() ? Qt::PointingHandCursor : Qt::ArrowCursor);
    } else {
        QToolTip::hideText();
        viewport()->unsetCursor();
    }
    QChartView::mouseMoveEvent(event);
}

void BattlefieldPanel::mousePressEvent(QMouseEvent* event)
{
    m_pressPos = event->position().toPoint();
    QChartView::mousePressEvent(event);
}

void BattlefieldPanel::mouseReleaseEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::LeftButton &&
        (pos - m_pressPos).manhattanLength() < fontMetrics().height() / 2) {
        const QUrl url = diffUrlOf(editAt(pos));
        if (url.isValid())
            emit openUrlRequested(url);
    }
    QChartView::mouseReleaseEvent(event);
}

} // namespace wt::ui
