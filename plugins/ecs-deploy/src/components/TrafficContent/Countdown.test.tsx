import { render, screen } from '@testing-library/react';
import { Countdown } from './Countdown';

describe('Countdown', () => {
  it("counts on the server's clock, not the browser's", () => {
    // The server observed 10:00:00 and the next step is at 10:05:00; the
    // browser's own clock is a day off, which must not matter.
    render(
      <Countdown
        until="2024-06-10T10:05:00Z"
        observed={{ at: '2024-06-10T10:00:00Z', receivedAt: Date.now() }}
      />,
    );
    expect(screen.getByText(/^in (5m|4m 59s)$/)).toBeInTheDocument();
  });

  it('says when the moment has passed', () => {
    render(
      <Countdown
        until="2024-06-10T09:59:00Z"
        observed={{ at: '2024-06-10T10:00:00Z', receivedAt: Date.now() }}
      />,
    );
    expect(screen.getByText('any moment now')).toBeInTheDocument();
  });
});
