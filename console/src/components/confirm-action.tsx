// Every write of the console goes through this dialog: what will happen, a required reason, confirm.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';

export interface ConfirmActionProps {
  /** The button that opens the dialog. */
  label: string;
  title: string;
  description: ReactNode;
  /** Extra inputs (e.g. the other person's id), rendered above the reason. */
  fields?: ReactNode;
  confirmLabel?: string;
  color?: string;
  size?: 'xs' | 'sm';
  variant?: 'filled' | 'outline';
  /** Runs the mutation; a thrown error is shown in the dialog. */
  onConfirm(reason: string): Promise<void>;
}

export function ConfirmAction(p: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setOpen(false);
    setReason('');
    setError(null);
  };
  const confirm = async () => {
    if (!reason.trim()) {
      setError('A reason is required: it is written to the audit log.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await p.onConfirm(reason.trim());
      close();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size={p.size ?? 'sm'} variant={p.variant ?? 'outline'} color={p.color ?? 'blue.8'} onClick={() => setOpen(true)}>
        {p.label}
      </Button>
      <Modal opened={open} onClose={close} title={p.title} centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <Stack>
            <Text size="sm">{p.description}</Text>
            {p.fields}
            <TextInput label="Reason" description="Recorded in the audit log with your name" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required data-autofocus />
            {error && (
              <Alert color="red" title="Not done" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color={p.color ?? 'blue.8'} loading={busy}>
                {p.confirmLabel ?? 'Confirm'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
