import { describe, expect, it, vi } from 'vitest';
import { detectHost, onPaneShown, type OfficeLike } from '../../taskpane/office-detect.js';

/** An Office.js whose onReady answers when `answer` is called. */
function slowOffice(): { office: OfficeLike; answer(host: string): void } {
  let resolve: (info: { host: unknown }) => void = () => undefined;
  const ready = new Promise<{ host: unknown }>((r) => (resolve = r));
  return {
    office: { onReady: () => ready, HostType: { Excel: 'Excel' }, context: { displayLanguage: 'zh-CN' } },
    answer: (host) => resolve({ host }),
  };
}

describe('where the page runs', () => {
  it('waits long for Office by default, since outside Office onReady answers at once with no host', async () => {
    vi.useFakeTimers();
    try {
      const { office, answer } = slowOffice();
      const found = detectHost(office);
      await vi.advanceTimersByTimeAsync(10_000);
      answer('Excel');
      await expect(found).resolves.toEqual({ kind: 'excel', displayLanguage: 'zh-CN' });
    } finally {
      vi.useRealTimers();
    }
    await expect(detectHost({ onReady: async () => ({ host: null }) })).resolves.toEqual({ kind: 'standalone', reason: 'not-excel' });
  });

  it('reports an Excel that answers after the timeout, so the standalone page can become the pane', async () => {
    const { office, answer } = slowOffice();
    const late = vi.fn();
    const found = await detectHost(office, 5, late);
    expect(found).toEqual({ kind: 'standalone', reason: 'timeout' });
    answer('Excel');
    await vi.waitFor(() => expect(late).toHaveBeenCalledWith({ kind: 'excel', displayLanguage: 'zh-CN' }));
  });

  it('says nothing late when the late answer is not Excel', async () => {
    const { office, answer } = slowOffice();
    const late = vi.fn();
    await detectHost(office, 5, late);
    answer('Word');
    await new Promise((r) => setTimeout(r, 10));
    expect(late).not.toHaveBeenCalled();
  });
});

describe('when the pane is shown', () => {
  function fakeDocument(state: string) {
    const listeners: (() => void)[] = [];
    return {
      visibilityState: state,
      addEventListener: (_type: 'visibilitychange', l: () => void) => void listeners.push(l),
      show() {
        this.visibilityState = 'visible';
        for (const l of listeners) l();
      },
    };
  }

  it('calls back once when Office shows the task pane, not while the runtime runs hidden', async () => {
    let handler: (m: { visibilityMode: string }) => void = () => undefined;
    const office: OfficeLike = {
      onReady: async () => ({ host: 'Excel' }),
      addin: { onVisibilityModeChanged: async (h) => void (handler = h) },
    };
    const shown = vi.fn();
    const doc = fakeDocument('hidden');
    onPaneShown(office, doc, shown);
    handler({ visibilityMode: 'Hidden' });
    expect(shown).not.toHaveBeenCalled();
    handler({ visibilityMode: 'Taskpane' });
    doc.show();
    handler({ visibilityMode: 'Taskpane' });
    expect(shown).toHaveBeenCalledTimes(1);
  });

  it('falls back to the page becoming visible', () => {
    const shown = vi.fn();
    const doc = fakeDocument('hidden');
    onPaneShown(undefined, doc, shown);
    expect(shown).not.toHaveBeenCalled();
    doc.show();
    expect(shown).toHaveBeenCalledTimes(1);
  });
});
