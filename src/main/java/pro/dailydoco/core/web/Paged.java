package pro.dailydoco.core.web;

import java.util.List;

/** One page of a list: its rows, which page it is (from 1), how many pages and rows there are in all. */
public record Paged<T>(List<T> rows, int page, int pages, long total) {

    /** The page to show for a requested page number: clamped to 1..pages. */
    public static int clamp(Integer requested, long total, int pageSize) {
        int pages = pages(total, pageSize);
        return Math.min(Math.max(1, requested == null ? 1 : requested), pages);
    }

    public static int pages(long total, int pageSize) {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
