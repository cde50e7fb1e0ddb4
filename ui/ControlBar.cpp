#include "ControlBar.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>

#include "Format.h"
#include "UiSettings.h"

namespace wt::ui {

namespace {
constexpr qint64 kPresets[] = {60'000, 5 * 60'000, 15 * 60'000, 30 * 60'000, 3600'000, 3 * 3600'000};
constexpr int kCustomRole = Qt::UserRole + 1;
} // namespace

ControlBar::ControlBar(QWidget* parent) : QToolBar(tr("Controls"), parent)
{
    setObjectName(QStringLiteral("controlBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_goLive = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Go live"));
    m_goLive->setToolTip(tr("Watch the live Wikimedia stream"));
    m_openRecording = addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Open recording…"));
    m_openRecording->setShortcut(QKeySequence::Open);
    m_pause = addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause view"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(Qt::Key_Space);
    m_pause->setToolTip(tr("Freeze the view; data keeps flowing and shows at once on resume (Space)"));
    addSeparator();

    addWidget(new QLabel(tr(" Lookback "), this));
    m_lookback = new QComboBox(this);
    m_lookback->setObjectName(QStringLiteral("lookbackCombo"));
    for (qint64 ms : kPresets)
        m_lookback->addItem(fmt::lookback(ms), ms);
    m_lookback->addItem(tr("Custom…"), QVariant());
    m_lookback->setItemData(m_lookback->count() - 1, true, kCustomRole);
    addWidget(m_lookback);
    connect(m_lookback, &QComboBox::activated, this, &ControlBar::onLookbackIndex);

    addWidget(new QLabel(tr("  Refresh every "), this));
    m_refresh = new QDoubleSpinBox(this);
    m_refresh->setObjectName(QStringLiteral("refreshSpin"));
    m_refresh->setRange(UiSettings::kMinRefreshMs / 1000.0, UiSettings::kMaxRefreshMs / 1000.0);
    m_refresh->setSingleStep(0.25);
    m_refresh->setDecimals(2);
    m_refresh->setSuffix(tr(" s"));
    m_refresh->setKeyboardTracking(false);
    addWidget(m_refresh);
    connect(m_refresh, &QDoubleSpinBox::valueChanged, this,
            [this](double s) { emit refreshChosen(int(s * 1000 + 0.5)); });

    addWidget(new QLabel(tr("  Top "), this));
    m_topN = new QSpinBox(this);
    m_topN->setObjectName(QStringLiteral("topNSpin"));
    m_topN->setRange(UiSettings::kMinTopN, UiSettings::kMaxTopN);
    m_topN->setKeyboardTracking(false);
    addWidget(m_topN);
    connect(m_topN, &QSpinBox::valueChanged, this, &ControlBar::topNChosen);
    addSeparator();

    m_filters = addAction(tr("Filters…"));
    m_filters->setShortcut(Qt::CTRL | Qt::Key_F);
    m_filterSummary = new QLabel(this);
    m_filterSummary->setObjectName(QStringLiteral("filterSummary"));
    m_filterSummary->setForegroundRole(QPalette::PlaceholderText);
    addWidget(m_filterSummary);
}

void ControlBar::onLookbackIndex(int index)
{
    if (m_lookback->itemData(index, kCustomRole).toBool()) {
        bool ok = false;
        const int minutes = QInputDialog::getInt(
            this, tr("Custom lookback"), tr("Lookback in minutes (1 to 180):"),
            int(lookbackMsAt(m_lastLookbackIndex) / 60'000), 1, 180, 1, &ok);
        if (!ok) {
            m_lookback->setCurrentIndex(m_lastLookbackIndex);
            return;
        }
        chooseLookbackMs(qint64(minutes) * 60'000);
        return;
    }
    chooseLookbackMs(m_lookback->itemData(index).toLongLong());
}

qint64 ControlBar::lookbackMsAt(int index) const { return m_lookback->itemData(index).toLongLong(); }

void ControlBar::setLookbackMs(qint64 ms)
{
    QSignalBlocker block(m_lookback);
    int index = m_lookback->findData(ms);
    if (index < 0) {
        // A custom value gets its own entry just before "Custom…", replacing an older one.
        const int custom = m_lookback->count() - 1;
        if (custom > int(std::size(kPresets)))
            m_lookback->removeItem(custom - 1);
        index = m_lookback->count() - 1;
        m_lookback->insertItem(index, fmt::lookback(ms), ms);
    }
    m_lookback->setCurrentIndex(index);
    m_lastLookbackIndex = index;
}

void ControlBar::setRefreshMs(int ms)
{
    QSignalBlocker block(m_refresh);
    m_refresh->setValue(ms / 1000.0);
}

void ControlBar::setTopN(int n)
{
    QSignalBlocker block(m_topN);
    m_topN->setValue(n);
}

void ControlBar::setFilterSummary(const QString& text) { m_filterSummary->setText(QLatin1Char(' ') + text); }

qint64 ControlBar::lookbackMs() const { return m_lookback->currentData().toLongLong(); }
int ControlBar::refreshMs() const { return int(m_refresh->value() * 1000 + 0.5); }
int ControlBar::topN() const { return m_topN->value(); }

void ControlBar::chooseLookbackMs(qint64 ms)
{
    ms = std::clamp(ms, UiSettings::kMinLookbackMs, UiSettings::kMaxLookbackMs);
    setLookbackMs(ms);
    emit lookbackChosen(ms);
}

void ControlBar::chooseRefreshMs(int ms)
{
    ms = std::clamp(ms, UiSettings::kMinRefreshMs, UiSettings::kMaxRefreshMs);
    setRefreshMs(ms);
    emit refreshChosen(ms);
}

void ControlBar::chooseTopN(int n)
{
    n = std::clamp(n, UiSettings::kMinTopN, UiSettings::kMaxTopN);
    setTopN(n);
    emit topNChosen(n);
}

} // namespace wt::ui
