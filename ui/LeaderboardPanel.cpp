#include "LeaderboardPanel.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace wt::ui {

using Kind = LeaderboardModel::Kind;

LeaderboardPanel::LeaderboardPanel(QWidget* parent) : QWidget(parent)
{
    auto* grid = new QGridLayout(this);
    const int gap = fontMetrics().height() / 3;
    grid->setContentsMargins(gap, gap, gap, gap);
    grid->setSpacing(gap);
    // m_boards is indexed by Kind; the cells (reading order) put pages and users first.
    for (auto [kind, title] : {std::pair{Kind::Wikis, tr("Top wikis")}, std::pair{Kind::Pages, tr("Top pages")},
                               std::pair{Kind::Users, tr("Top users")}, std::pair{Kind::Languages, tr("Top languages")}})
        m_boards[int(kind)] = makeBoard(kind, title, 0, 0);
    relayout();
}

LeaderboardPanel::Board LeaderboardPanel::makeBoard(Kind kind, const QString& title, int row,
                                                    int col)
{
    Board b;
    b.model = new LeaderboardModel(kind, this);
    const QFontMetrics fm = fontMetrics();
    b.proxy = new QSortFilterProxyModel(this);
    b.proxy->setSourceModel(b.model);
    b.proxy->setSortRole(LeaderboardModel::SortRole);
    b.proxy->setDynamicSortFilter(true);
    b.view = new QTableView(this);
    b.view->setObjectName(QStringLiteral("leaderboard_%1").arg(int(kind)));
    b.view->setModel(b.proxy);
    b.view->setSortingEnabled(true);
    b.view->sortByColumn(LeaderboardModel::Edits, Qt::DescendingOrder);
    b.view->setSelectionBehavior(QAbstractItemView::SelectRows);
    b.view->setSelectionMode(QAbstractItemView::SingleSelection);
    b.view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    b.view->setAlternatingRowColors(true);
    b.view->setWordWrap(false);
    b.view->setTextElideMode(Qt::ElideRight);
    b.view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    b.view->verticalHeader()->hide();
    b.view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 3);
    QHeaderView* header = b.view->horizontalHeader();
    header->setHighlightSections(false);
    // Fixed widths from font metrics: ResizeToContents would re-measure every row on every tick.
    const int number = fm.horizontalAdvance(QStringLiteral("+999,999 B")) + fm.height() / 2;
    for (int c = 0; c < LeaderboardModel::ColumnCount; ++c) {
        b.view->setColumnHidden(c, !b.model->isColumnShown(c));
        header->setSectionResizeMode(c, QHeaderView::Interactive);
        header->resizeSection(c, number);
    }
    header->resizeSection(LeaderboardModel::Rank, fm.horizontalAdvance(QStringLiteral("100")) + fm.height() / 2);
    header->resizeSection(LeaderboardModel::Bot, fm.horizontalAdvance(QStringLiteral("bot")) + fm.height());
    header->resizeSection(LeaderboardModel::Edits, fm.horizontalAdvance(QStringLiteral("Edits")) + fm.height() * 2);
    header->resizeSection(LeaderboardModel::Wiki, fm.horizontalAdvance(QStringLiteral("wikidatawiki")) + fm.height() / 2);
    header->setSectionResizeMode(LeaderboardModel::Name, QHeaderView::Stretch);
    connect(b.view, &QTableView::doubleClicked, this, [this, b](const QModelIndex& index) {
        const QUrl url = b.model->urlForRow(b.proxy->mapToSource(index).row());
        if (url.isValid())
            emit openUrlRequested(url);
    });

    auto* cell = new QWidget(this);
    auto* box = new QVBoxLayout(cell);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(fm.height() / 4);
    auto* caption = new QLabel(title, cell);
    QFont bold = caption->font();
    bold.setBold(true);
    caption->setFont(bold);
    box->addWidget(caption);
    box->addWidget(b.view);
    Q_UNUSED(row);
    Q_UNUSED(col);
    for (QWidget*& slot : m_cells)
        if (!slot) {
            slot = cell;
            break;
        }
    return b;
}

void LeaderboardPanel::relayout()
{
    // Four in a row along a wide bottom dock, two by two in a side dock.
    const int columns = width() >= fontMetrics().height() * 64 ? 4 : (width() >= fontMetrics().height() * 30 ? 2 : 1);
    if (columns == m_columns)
        return;
    m_columns = columns;
    auto* grid = static_cast<QGridLayout*>(layout());
    for (QWidget* cell : m_cells)
        grid->removeWidget(cell);
    for (int i = 0; i < 4; ++i)
        grid->addWidget(m_cells[i], i / columns, i % columns);
}

void LeaderboardPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void LeaderboardPanel::showSnapshot(const analytics::DashboardSnapshot& s)
{
    m_boards[int(Kind::Wikis)].model->setRows(s.topWikis);
    m_boards[int(Kind::Languages)].model->setRows(s.topLanguages);
    m_boards[int(Kind::Pages)].model->setRows(s.topPages);
    m_boards[int(Kind::Users)].model->setRows(s.topUsers);
}

LeaderboardModel* LeaderboardPanel::model(Kind kind) const { return m_boards[int(kind)].model; }
QTableView* LeaderboardPanel::view(Kind kind) const { return m_boards[int(kind)].view; }

} // namespace wt::ui
