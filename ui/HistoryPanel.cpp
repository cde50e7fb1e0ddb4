#include "HistoryPanel.h"

#include "ChartLooks.h"
#include "Format.h"
#include "WeekdayHeatmapWidget.h"
#include "store/HistoryStore.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCompleter>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <atomic>
#include <cmath>

namespace wt::ui {

namespace {
constexpr qint64 kMinuteMs = 60'000;
constexpr qint64 kHourMs = 3'600'000;

qint64 floorTo(qint64 ms, qint64 step)
{
    return ms - (((ms % step) + step) % step);
}

qint64 localMidnightAfter(qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms);
    return QDateTime(local.date().addDays(1), QTime(0, 0)).toMSecsSinceEpoch();
}

// One bucket of a downsampled series: a time span and its value, or a span not recorded.
struct Bucket {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    double value = 0;
    bool covered = false;
};

// Averages consecutive points into at most maxBuckets buckets; a bucket's value is the mean over
// its covered points, so "events per minute" keeps its meaning at any width.
template <typename Point, typename Start, typename Covered, typename Value>
std::vector<Bucket> downsample(const QVector<Point>& points, qint64 stepMs, int maxBuckets,
                               Start start, Covered covered, Value value)
{
    std::vector<Bucket> out;
    const qsizetype n = points.size();
    const qsizetype buckets = std::min<qsizetype>(n, std::max(1, maxBuckets));
    out.reserve(std::size_t(buckets));
    for (qsizetype b = 0; b < buckets; ++b) {
        const qsizetype from = b * n / buckets;
        const qsizetype to = std::max(from + 1, (b + 1) * n / buckets);
        Bucket k;
        k.fromMs = start(points[from]);
        k.toMs = start(points[to - 1]) + stepMs;
        double sum = 0;
        int count = 0;
        for (qsizetype i = from; i < to; ++i) {
            if (!covered(points[i]))
                continue;
            sum += value(points[i]);
            ++count;
        }
        k.covered = count > 0;
        k.value = count > 0 ? sum / count : 0;
        out.push_back(k);
    }
    return out;
}

// Sets a round y range (0 .. a nice top) and a label format that never repeats a label.
void fitY(QValueAxis* axis, double top)
{
    axis->setRange(0, std::max(top * 1.05, 4.0));
    axis->applyNiceNumbers();
    const double interval = (axis->max() - axis->min()) / std::max(1, axis->tickCount() - 1);
    axis->setLabelFormat(std::abs(interval - std::round(interval)) < 1e-9 ? QStringLiteral("%.0f")
                                                                          : QStringLiteral("%.1f"));
}

// Step shape: each bucket is flat from its start to its end.
void fill(const std::vector<Bucket>& buckets, double gapTop, QList<QPointF>& line,
          QList<QPointF>& gap)
{
    line.reserve(qsizetype(buckets.size()) * 2);
    gap.reserve(qsizetype(buckets.size()) * 2);
    for (const Bucket& b : buckets) {
        for (qint64 x : {b.fromMs, b.toMs}) {
            line.append(QPointF(double(x), b.value));
            gap.append(QPointF(double(x), b.covered ? 0.0 : gapTop));
        }
    }
}
// Draws the buckets as steps with the unrecorded spans shaded: one replace() per series.
// Returns whether any bucket was recorded at all.
bool drawSteps(const std::vector<Bucket>& buckets, QValueAxis* y, QLineSeries* line,
               QLineSeries* gapLine)
{
    double top = 0;
    bool any = false;
    for (const Bucket& b : buckets) {
        top = std::max(top, b.value);
        any = any || b.covered;
    }
    fitY(y, top);
    QList<QPointF> points, gap;
    fill(buckets, y->max(), points, gap);
    line->replace(points);
    gapLine->replace(gap);
    return any;
}
} // namespace

HistoryPanel::HistoryPanel(QWidget* parent)
    : QWidget(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    auto* box = new QVBoxLayout(this);
    box->setContentsMargins(6, 6, 6, 6);
    box->setSpacing(4);

    auto* top = new QHBoxLayout;
    m_caption = new QLabel(
        tr("<b>From history</b> — closed one-minute windows stored on this computer, "
           "refreshed every minute. Shaded spans: WikiTide was not recording. Local time."),
        this);
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    top->addWidget(m_caption, 1);
    auto* wikiLabel = new QLabel(tr("Wiki:"), this);
    m_wikiBox = new QComboBox(this);
    m_wikiBox->setEditable(true);
    m_wikiBox->setInsertPolicy(QComboBox::NoInsert);
    m_wikiBox->setMinimumContentsLength(16);
    m_wikiBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_wikiBox->setToolTip(
        tr("Show the history of one wiki (type its database name, e.g. dewiki) or of all wikis"));
    m_wikiBox->addItem(tr("All wikis"), QString());
    m_wikiBox->completer()->setFilterMode(Qt::MatchContains);
    m_wikiBox->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_wikiBox->completer()->setCompletionMode(QCompleter::PopupCompletion);
    wikiLabel->setBuddy(m_wikiBox);
    top->addWidget(wikiLabel);
    top->addWidget(m_wikiBox);
    box->addLayout(top);

    auto heading = [this](const QString& text) {
        auto* l = new QLabel(text, this);
        QFont f = l->font();
        f.setBold(true);
        l->setFont(f);
        m_headings.append(l);
        return l;
    };

    m_minuteChart = makeChart(tr("events/min"),
                              tr("No history yet — closed minutes appear here as the stream runs"));
    m_minuteChart.x->setFormat(QStringLiteral("HH:mm"));
    m_minuteChart.x->setTickCount(9);
    box->addWidget(heading(tr("Events per minute, last 24 hours")));
    box->addWidget(m_minuteChart.box, 5);

    m_hourChart = makeChart(tr("events/h"), tr("No hourly history yet"));
    m_hourChart.x->setFormat(QStringLiteral("ddd d"));
    m_hourChart.x->setTickCount(8);
    m_heatmap = new WeekdayHeatmapWidget(this);

    auto* bottom = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(heading(tr("Events per hour, last 7 days")));
    left->addWidget(m_hourChart.box, 1);
    auto* right = new QVBoxLayout;
    right->addWidget(heading(tr("Average events per hour by weekday, last 4 weeks")));
    right->addWidget(m_heatmap, 1);
    bottom->addLayout(left, 1);
    bottom->addSpacing(8);
    bottom->addLayout(right, 1);
    box->addLayout(bottom, 4);

    // Hover: the bucket under the mouse, in words (the step shape makes exact reading hard).
    connect(m_minuteChart.area, &QAreaSeries::hovered, this, [this](const QPointF& p, bool on) {
        if (on)
            QToolTip::showText(QCursor::pos(), minuteToolTip(qint64(p.x())), m_minuteChart.view);
        else
            QToolTip::hideText();
    });
    connect(m_hourChart.area, &QAreaSeries::hovered, this, [this](const QPointF& p, bool on) {
        if (on)
            QToolTip::showText(QCursor::pos(), hourToolTip(qint64(p.x())), m_hourChart.view);
        else
            QToolTip::hideText();
    });

    connect(m_wikiBox, &QComboBox::activated, this, [this] { commitWikiText(); });
    connect(m_wikiBox->lineEdit(), &QLineEdit::returnPressed, this, [this] { commitWikiText(); });

    m_timer = new QTimer(this);
    m_timer->setInterval(60'000);
    connect(m_timer, &QTimer::timeout, this, [this] {
        // A hidden panel (a closed dock) asks nothing of the store; it catches up when shown.
        if (isVisible())
            refresh(m_clock());
        else
            m_stale = true;
    });
    m_timer->start();

    m_redraw = new QTimer(this);
    m_redraw->setSingleShot(true);
    m_redraw->setInterval(50);
    connect(m_redraw, &QTimer::timeout, this, [this] {
        drawMinutes();
        drawHours();
    });

    applyLooks();
    drawMinutes();
    drawHours();
}

HistoryPanel::TimeChart HistoryPanel::makeChart(const QString& yTitle, const QString& emptyText)
{
    TimeChart c;
    c.chart = new QChart;
    c.line = new QLineSeries(c.chart);
    c.gapLine = new QLineSeries(c.chart);
    c.area = new QAreaSeries(c.line, nullptr);
    c.gap = new QAreaSeries(c.gapLine, nullptr);
    c.area->setName(tr("All wikis"));
    c.gap->setName(tr("not recorded"));
    c.chart->addSeries(c.gap);
    c.chart->addSeries(c.area);
    c.x = new QDateTimeAxis;
    c.y = new QValueAxis;
    c.y->setTitleText(yTitle);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);
    for (auto* s : {c.gap, c.area}) {
        s->attachAxis(c.x);
        s->attachAxis(c.y);
    }
    c.chart->legend()->setAlignment(Qt::AlignTop);
    c.view = new QChartView(c.chart, this);
    looks::prepareView(c.view);
    c.view->setMinimumHeight(fontMetrics().height() * 5);

    c.box = new QWidget(this);
    auto* grid = new QGridLayout(c.box);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(c.view, 0, 0);
    c.empty = new QLabel(emptyText, c.box);
    c.empty->setAlignment(Qt::AlignCenter);
    c.empty->setWordWrap(true);
    c.empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    grid->addWidget(c.empty, 0, 0, Qt::AlignCenter); // laid over the (empty) plot
    return c;
}

void HistoryPanel::applyLooks()
{
    const QPalette pal = palette();
    for (TimeChart* c : {&m_minuteChart, &m_hourChart}) {
        looks::applyTo(c->chart, pal);
        const QColor accent = looks::humans(pal);
        QColor fill = accent;
        fill.setAlpha(150);
        c->area->setBrush(fill);
        c->area->setPen(QPen(accent, 1.2));
        QColor gap = looks::neutral(pal);
        gap.setAlpha(looks::isDark(pal) ? 60 : 45);
        c->gap->setBrush(gap);
        c->gap->setPen(Qt::NoPen);
        QColor text = pal.color(QPalette::WindowText);
        c->empty->setStyleSheet(
            QStringLiteral(
                "QLabel { color: %1; background: %2; padding: 8px 14px; border-radius: 4px; }")
                .arg(text.name(), pal.color(QPalette::Window).name()));
    }
}

void HistoryPanel::connectStore(store::HistoryStore* store)
{
    using store::HistoryStore;
    connect(this, &HistoryPanel::minutesRequested, store, &HistoryStore::requestMinutes);
    connect(this, &HistoryPanel::hourlyRequested, store, &HistoryStore::requestHourly);
    connect(this, &HistoryPanel::heatmapRequested, store, &HistoryStore::requestWeekdayHeatmap);
    connect(store, &HistoryStore::minutesReady, this, &HistoryPanel::onMinutesReady);
    connect(store, &HistoryStore::hourlyReady, this, &HistoryPanel::onHourlyReady);
    connect(store, &HistoryStore::heatmapReady, this, &HistoryPanel::onHeatmapReady);
}

QString HistoryPanel::minuteToolTip(qint64 ms) const
{
    return hoverText(m_minuteChart, double(ms), kMinuteMs, tr("events/min"));
}

QString HistoryPanel::hourToolTip(qint64 ms) const
{
    return hoverText(m_hourChart, double(ms), kHourMs, tr("events"));
}

QString HistoryPanel::hoverText(const TimeChart& c, double x, qint64 stepMs,
                                const QString& unit) const
{
    const QList<QPointF> points = c.line->points();
    // Pairs (start, end) per bucket, in time order: find the bucket holding x.
    qsizetype lo = 0, hi = points.size() / 2;
    while (lo < hi) {
        const qsizetype mid = (lo + hi) / 2;
        if (points[2 * mid + 1].x() <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= points.size() / 2)
        return {};
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(qint64(points[2 * lo].x()));
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(qint64(points[2 * lo + 1].x()));
    const QString span = stepMs >= kHourMs
                             ? QLocale().toString(from, QStringLiteral("ddd d MMM HH:mm")) +
                                   QStringLiteral("–") + to.toString(QStringLiteral("HH:mm"))
                             : from.toString(QStringLiteral("HH:mm")) + QStringLiteral("–") +
                                   to.toString(QStringLiteral("HH:mm"));
    if (c.gapLine->points().value(2 * lo).y() > 0)
        return tr("%1: not recorded").arg(span);
    const double y = points[2 * lo].y();
    const bool averaged = qint64(points[2 * lo + 1].x() - points[2 * lo].x()) > stepMs;
    const QString value =
        y == std::floor(y) ? fmt::count(std::uint64_t(y)) : QLocale().toString(y, 'f', 1);
    return averaged ? tr("%1: %2 %3 on average").arg(span, value, unit)
                    : tr("%1: %2 %3").arg(span, value, unit);
}

void HistoryPanel::setClock(std::function<qint64()> clock)
{
    if (clock)
        m_clock = std::move(clock);
}

void HistoryPanel::setRefreshIntervalMs(int ms)
{
    if (ms <= 0) {
        m_timer->stop();
        return;
    }
    m_timer->start(ms);
}

QList<QPointF> HistoryPanel::minutePoints() const
{
    return m_minuteChart.line->points();
}
QList<QPointF> HistoryPanel::hourPoints() const
{
    return m_hourChart.line->points();
}

bool HistoryPanel::minuteChartShowsEmptyState() const
{
    return !m_minuteChart.empty->isHidden();
}

void HistoryPanel::setKnownWikis(const QStringList& wikis)
{
    QStringList sorted = wikis;
    sorted.removeAll(QString());
    sorted.sort();
    sorted.removeDuplicates();
    {
        const QSignalBlocker block(m_wikiBox);
        while (m_wikiBox->count() > 1)
            m_wikiBox->removeItem(1);
        for (const QString& w : sorted)
            m_wikiBox->addItem(w, w);
        const int index = m_wiki.isEmpty() ? 0 : m_wikiBox->findData(m_wiki);
        if (index >= 0)
            m_wikiBox->setCurrentIndex(index);
        m_wikiBox->setEditText(m_wiki.isEmpty() ? m_wikiBox->itemText(0) : m_wiki);
    }
}

void HistoryPanel::commitWikiText()
{
    setWiki(m_wikiBox->currentText());
}

void HistoryPanel::setWiki(const QString& wiki)
{
    QString w = wiki.trimmed();
    if (w.compare(m_wikiBox->itemText(0), Qt::CaseInsensitive) == 0)
        w.clear();
    w = w.toLower(); // database names are lower case; "DEWIKI" means dewiki
    {
        const QSignalBlocker block(m_wikiBox);
        const int index = w.isEmpty() ? 0 : m_wikiBox->findData(w);
        if (index >= 0)
            m_wikiBox->setCurrentIndex(index);
        m_wikiBox->setEditText(w.isEmpty() ? m_wikiBox->itemText(0) : w);
    }
    if (w == m_wiki)
        return;
    m_wiki = w;
    const QString name = w.isEmpty() ? tr("All wikis") : w;
    m_minuteChart.area->setName(name);
    m_hourChart.area->setName(name);
    emit wikiChanged(m_wiki);
    // The old wiki's answers are now stale; a new request per view supersedes them.
    refresh(m_clock());
}

quint64 HistoryPanel::nextRequestId()
{
    // Shared by every panel, so two panels answered by one store never take each other's answers.
    static std::atomic<quint64> next{1};
    return next.fetch_add(1);
}

void HistoryPanel::refresh(qint64 nowMs)
{
    m_nowMs = nowMs;
    m_stale = false;
    const qint64 minuteEnd = floorTo(nowMs, kMinuteMs); // the minute in progress is not closed yet
    m_minutesFromMs = minuteEnd - kMinuteSpanMs;
    m_minutesToMs = minuteEnd;
    // Seven calendar days, today included, so that the day ticks fall on local midnights; the
    // hour in progress is included (its sum so far).
    m_hoursFromMs = localMidnightAfter(nowMs) - kHourSpanMs;
    m_hoursToMs = floorTo(nowMs, kHourMs) + kHourMs;
    const qint64 heatEnd =
        floorTo(nowMs, kHourMs); // whole hours only: a partial hour skews its cell

    m_minutesId = nextRequestId();
    m_hourlyId = nextRequestId();
    m_heatmapId = nextRequestId();
    emit minutesRequested(m_minutesFromMs, m_minutesToMs, m_wiki, m_minutesId);
    emit hourlyRequested(m_hoursFromMs, m_hoursToMs, m_wiki, m_hourlyId);
    emit heatmapRequested(m_wiki, heatEnd - kHeatmapSpanMs, heatEnd, m_heatmapId);
}

void HistoryPanel::onMinutesReady(quint64 requestId, const QVector<store::MinutePoint>& points)
{
    if (requestId != m_minutesId)
        return; // an older request (or another consumer's), superseded
    m_minutes = points;
    drawMinutes();
}

void HistoryPanel::onHourlyReady(quint64 requestId, const QVector<store::HourPoint>& points)
{
    if (requestId != m_hourlyId)
        return;
    m_hours = points;
    drawHours();
}

void HistoryPanel::onHeatmapReady(quint64 requestId, const store::WeekdayHeatmap& heatmap)
{
    if (requestId != m_heatmapId)
        return;
    m_heatmap->setHeatmap(heatmap);
}

int HistoryPanel::plotWidth(const TimeChart& c) const
{
    const int plot = int(c.chart->plotArea().width());
    // Before the first layout the plot area is empty: estimate from the view minus the y axis.
    return plot > 10 ? plot : std::max(50, c.view->width() - 80);
}

void HistoryPanel::drawMinutes()
{
    TimeChart& c = m_minuteChart;
    const auto buckets = downsample(
        m_minutes, kMinuteMs, plotWidth(c),
        [](const store::MinutePoint& p) { return p.minuteStartMs; },
        [](const store::MinutePoint& p) { return p.covered; },
        [](const store::MinutePoint& p) { return double(p.counts.events); });
    const bool any = drawSteps(buckets, c.y, c.line, c.gapLine);
    const qint64 to = m_minutesToMs > 0 ? m_minutesToMs : floorTo(m_clock(), kMinuteMs);
    c.x->setRange(QDateTime::fromMSecsSinceEpoch(to - kMinuteSpanMs),
                  QDateTime::fromMSecsSinceEpoch(to));
    c.empty->setVisible(!any);
}

void HistoryPanel::drawHours()
{
    TimeChart& c = m_hourChart;
    const auto buckets = downsample(
        m_hours, kHourMs, plotWidth(c), [](const store::HourPoint& p) { return p.hourStartMs; },
        [](const store::HourPoint& p) { return p.coveredMinutes > 0; },
        [](const store::HourPoint& p) { return double(p.counts.events); });
    const bool any = drawSteps(buckets, c.y, c.line, c.gapLine);
    const qint64 to = localMidnightAfter(m_hoursToMs > 0 ? m_hoursToMs - 1 : m_clock());
    c.x->setRange(QDateTime::fromMSecsSinceEpoch(to - kHourSpanMs),
                  QDateTime::fromMSecsSinceEpoch(to));
    c.empty->setVisible(!any);
}

void HistoryPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyLooks();
    QWidget::changeEvent(event);
}

void HistoryPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh(m_clock());
}

void HistoryPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    m_redraw->start(); // after the charts' own layout, so the plot width is the new one
}

} // namespace wt::ui
