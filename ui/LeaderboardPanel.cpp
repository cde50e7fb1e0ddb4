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
    m_boards[0] = makeBoard(Kind::Wikis, tr("Top wikis"), 0, 0);
    m_boards[1] = makeBoard(Kind::Languages, tr("Top languages"), 0, 1);
    m_boards[2] = makeBoard(Kind::Pages, tr("Top pages"), 1, 0);
    m_boards[3] = makeBoard(Kind::Users, tr("Top users"), 1, 1);
}

LeaderboardPanel::Board LeaderboardPanel::makeBoard(Kind kind, const QString& title, int row,
                                                    int col)
{
    Board b;
    b.model = new LeaderboardModel(kind, this);
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
    b.view->setTextElideMode(Qt::ElideMiddle);
    b.view->verticalHeader()->hide();
    b.view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 3);
    QHeaderView* header = b.view->horizontalHeader();
    header->setHighlightSections(false);
    // Fixed widths from font metrics: ResizeToContents would re-measure every row on every tick.
    const QFontMetrics fm = fontMetrics();
    const int number = fm.horizontalAdvance(QStringLiteral("+999.9 MB")) + fm.height();
    for (int c = 0; c < LeaderboardModel::ColumnCount; ++c) {
        b.view->setColumnHidden(c, !b.model->isColumnShown(c));
        header->setSectionResizeMode(c, QHeaderView::Interactive);
        header->resizeSection(c, number);
    }
    header->resizeSection(LeaderboardModel::Rank, fm.horizontalAdvance(QStringLiteral("999")) + fm.height());
    header->resizeSection(LeaderboardModel::Bot, fm.horizontalAdvance(QStringLiteral("bot")) + fm.height());
    header->resizeSection(LeaderboardModel::Edits, fm.horizontalAdvance(QStringLiteral("999,999")) + fm.height());
    header->resizeSection(LeaderboardModel::Wiki, fm.horizontalAdvance(QStringLiteral("commonswiki")) + fm.height());
    header->setSectionResizeMode(LeaderboardModel::Name, QHeaderView::Stretch);
    connect(b.view, &QTableView::doubleClicked, this, [this, b](const QModelIndex& index) {
        const QUrl url = b.model->urlForRow(b.proxy->mapToSource(index).row());
        if (url.isValid())
            emit openUrlRequested(url);
    });

    auto* box = new QVBoxLayout;
    box->setSpacing(fm.height() / 4);
    auto* caption = new QLabel(title, this);
    QFont bold = caption->font();
    bold.setBold(true);
    caption->setFont(bold);
    box->addWidget(caption);
    box->addWidget(b.view);
    static_cast<QGridLayout*>(layout())->addLayout(box, row, col);
    return b;
}

void LeaderboardPanel::showSnapshot(const analytics::DashboardSnapshot& s)
{
    m_boards[0].model->setRows(s.topWikis);
    m_boards[1].model->setRows(s.topLanguages);
    m_boards[2].model->setRows(s.topPages);
    m_boards[3].model->setRows(s.topUsers);
}

LeaderboardModel* LeaderboardPanel::model(Kind kind) const { return m_boards[int(kind)].model; }
QTableView* LeaderboardPanel::view(Kind kind) const { return m_boards[int(kind)].view; }

} // namespace wt::ui
